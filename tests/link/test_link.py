"""Linking: short names ↔ full names within a document and across documents."""
from kg.link.aliases import company_aliases, declared_alias, park_aliases
from kg.nlp.context import rule_context
from kg.pipeline import extract_articles
from kg.ingest import article_from_text


def labels(ex):
    return {e.label: e for e in ex.entities}


def test_company_short_names_are_derived():
    ctx = rule_context()
    aliases = company_aliases("杭州星海微电子股份有限公司", ctx)
    assert "星海微" in aliases and "星海微电子" in aliases
    assert "可达技术" in company_aliases("浙江可达技术股份有限公司", ctx)


def test_park_short_names_drop_place_prefix():
    assert "富春新城" in park_aliases("杭州富春新城", rule_context())


def test_declared_alias():
    from kg.records import Mention
    text = "在宁波云湖经济开发区(以下简称“云开区”)的会议室里"
    m = Mention(text="宁波云湖经济开发区", start=1, end=10, type="Park")
    assert declared_alias(text, m) == "云开区"
    latin = "德国某特曼液压集团（Rothmann Hydraulik，以下简称“某特曼”）将"
    assert declared_alias(latin, Mention(text="德国某特曼液压集团", start=0, end=9, type="Company")) == "某特曼"


def _extract(*texts):
    return extract_articles([article_from_text(t, path=f"doc{i}.txt") for i, t in enumerate(texts)])


def test_a_project_named_again_by_the_tail_of_its_name_is_one_entity():
    [ex] = _extract("杭州某乐热控有限公司年产50万套新能源汽车热管理系统项目签约。"
                    "在签约项目中，投资规模最大的是热管理系统项目。")
    projects = [e for e in ex.entities if e.type == "Project"]
    assert [p.label for p in projects] == ["年产50万套新能源汽车热管理系统项目"]
    assert "热管理系统项目" in projects[0].aliases and len(projects[0].mentions) == 2


def test_a_project_tail_shared_by_two_projects_links_to_neither():
    # and the capacity names keep their 年产 prefix although the tail stands alone later
    [ex] = _extract("某甲公司的年产5万套光纤传感器项目和某乙公司的年产8万套光纤传感器项目开工。"
                    "记者了解到，光纤传感器项目均在年内竣工。")
    projects = {e.label: len(e.mentions) for e in ex.entities if e.type == "Project"}
    assert projects == {"年产5万套光纤传感器项目": 1, "年产8万套光纤传感器项目": 1, "光纤传感器项目": 1}


def test_short_name_links_to_full_name_in_one_document():
    [ex] = _extract("杭州星海微电子股份有限公司专注芯片。星海微8英寸技改项目投产，星海微表示满意。")
    ent = labels(ex)["杭州星海微电子股份有限公司"]
    assert "星海微" in ent.aliases
    assert len(ent.mentions) >= 2


def test_cross_document_short_name_merges_into_legal_name():
    a, b = _extract("浙江可达技术股份有限公司专注光热发电。",
                    "园区拥有麦克森、可达技术、恒川等20余家企业。")
    full = labels(a)["浙江可达技术股份有限公司"]
    assert full.id in {e.id for e in b.entities}


def test_two_companies_sharing_a_short_name_stay_apart():
    a, b, c = _extract("杭州星海科技有限公司成立于2010年。", "宁波星海科技有限公司成立于2012年。",
                       "园区拥有星海、麦克森等10家企业。")
    ids = {e.id for ex in (a, b) for e in ex.entities if e.label.endswith("星海科技有限公司")}
    assert len(ids) == 2
    assert not ids & {e.id for e in c.entities}


def test_gazetteer_grows_across_documents():
    a, b = _extract("杭州星澜微电子股份有限公司今年营收增长三成。",
                    "据了解，星澜微电子今年还将扩建厂房。")
    full = labels(a)["杭州星澜微电子股份有限公司"]
    found = [e for e in b.entities if e.id == full.id]
    assert found and found[0].mentions[0].text == "星澜微电子"


def test_abbreviation_joins_its_full_name():
    from kg.link.cluster import is_abbreviation
    assert is_abbreviation("宁光所", "中科院宁波光机所")
    assert not is_abbreviation("光机", "中科院宁波光机所")
    [ex] = _extract("近年来引进了中科院宁波光机所。截至目前，宁光所已孵化项目29个。")
    org = labels(ex)["中科院宁波光机所"]
    assert "宁光所" in org.aliases


def test_group_short_name_and_legal_form_variants():
    ctx = rule_context()
    assert "星米集团" in company_aliases("星米科技集团", ctx)
    [ex] = _extract("宁波澄川精密机械股份有限公司成立于2005年。宁波澄川精密机械有限公司今年营收增长。")
    assert len([e for e in ex.entities if e.type == "Company"]) == 1


def test_joint_institution_across_a_dash():
    from kg.nlp.recognise import find_mentions
    text = "以浙江大学—滨湖智慧城光电联合研究中心等平台为依托"
    orgs = [m.text for m in find_mentions(text, rule_context()) if m.type == "Organization"]
    assert orgs == ["浙江大学—滨湖智慧城光电联合研究中心"]


def test_no_alias_that_starts_with_an_institution_word():
    ctx = rule_context()
    assert "大学湖畔实验室" not in park_aliases("浙江大学湖畔实验室", ctx)


def test_a_user_gazetteer_alias_links_to_the_entry_name(tmp_path):
    from kg.ingest import article_from_text
    from kg.settings import Settings

    gaz = tmp_path / "g.jsonl"
    gaz.write_text('{"name": "杭州青岚智能制造有限公司", "type": "Company", "aliases": ["青岚智造"]}\n', encoding="utf-8")
    [ex] = extract_articles([article_from_text("青岚智造落户未来科技城。记者了解到，青岚智造将投资3亿元。")],
                            settings=Settings(gazetteers=(gaz,)))
    [company] = [e for e in ex.entities if e.type == "Company"]
    assert company.label == "杭州青岚智能制造有限公司" and "青岚智造" in company.aliases
    assert len(company.mentions) == 2


def test_list_mates_are_names_not_sectors():
    # a known company types the other items of its list …
    [ex] = _extract("澜拓科技是小镇的龙头企业。\n\n小镇引导澜拓科技、曜石精工、禾川电子等率先完成改造。")
    assert {"曜石精工", "禾川电子"} <= {e.label for e in ex.entities if e.type == "Company"}
    # … but common nouns in it are sectors, and an item with a count is no name
    [ex] = _extract("飞澜科技是园区的龙头企业。\n\n园区已集聚飞澜科技、运营和培训企业21家。")
    assert {e.label for e in ex.entities if e.type == "Company"} == {"飞澜科技"}


def test_a_parent_sharing_the_brand_of_its_subsidiary_stays_apart():
    [ex] = _extract("某昌新材料（宁波）有限公司是韩国某昌化学（SECHANG）在华设立的全资子公司，"
                    "某昌化学总部位于韩国首尔。")
    companies = {e.label: e for e in ex.entities if e.type == "Company"}
    assert set(companies) == {"某昌新材料（宁波）有限公司", "韩国某昌化学"}
    assert "某昌化学" in companies["韩国某昌化学"].aliases


def test_a_project_named_only_by_its_company_is_no_project():
    [ex] = _extract("德国澜特传动项目落户瑞安\n\n6月19日，德国澜特传动集团与园区签约，"
                    "由其全资子公司澜特传动（温州）有限公司投资建设年产15万台工业齿轮箱项目。")
    assert [e.label for e in ex.entities if e.type == "Project"] == ["年产15万台工业齿轮箱项目"]


def test_a_regional_subsidiary_stays_apart_from_its_parent():
    [ex] = _extract("浙江某芯微电子股份有限公司在产业园设立全资子公司某芯微电子（杭州）有限公司，"
                    "日本某越精工株式会社也在杭州设立了某越精工（杭州）有限公司。某芯微的订单增长很快。")
    companies = {e.label: e for e in ex.entities if e.type == "Company"}
    assert {"浙江某芯微电子股份有限公司", "某芯微电子（杭州）有限公司", "日本某越精工株式会社",
            "某越精工（杭州）有限公司"} <= set(companies)
    assert "某芯微" in companies["浙江某芯微电子股份有限公司"].aliases


def test_earlier_names_of_a_renamed_company_join_it():
    [ex] = _extract("1997年，五金厂改制为诸暨市某锋五金有限公司；2015年完成股份制改造，"
                    "更名为浙江某锋流体科技股份有限公司。")
    [company] = [e for e in ex.entities if e.type == "Company"]
    assert company.label == "浙江某锋流体科技股份有限公司"
    assert "诸暨市某锋五金有限公司" in company.aliases


def test_a_university_is_not_short_for_another():
    [ex] = _extract("团队大多来自温州大学、温州医科大学，温州医科大学博士后也加入了。")
    assert sorted(e.label for e in ex.entities if e.type == "Organization") == ["温州医科大学", "温州大学"]


def test_a_park_written_without_an_unknown_prefix_shortens_the_longer_park():
    from kg.link.cluster import _shortens

    assert _shortens("智汇科创中心", "鹿江口智汇科创中心", "Park")
    assert not _shortens("智汇科创中心", "鹿江口智汇科创中心园区", "Park")


def test_a_transliterated_name_is_later_written_by_its_family_name():
    [ex] = _extract("集团亚太区总裁马库斯·韦斯特在签约仪式上致辞。韦斯特表示，将加大投资。")
    assert [e.label for e in ex.entities if e.type == "Person"] == ["马库斯·韦斯特"]



def test_a_short_name_with_the_industry_word_joins_the_legal_name():
    # 某盛传动 (brand + an industry word of the legal name) is the company, not a second one
    [ex] = _extract("走进浙江某盛精密传动股份有限公司车间。项目投产后，某盛传动的产能将翻番。"
                    "某盛传动减速器项目现场正在施工。")
    companies = [e for e in ex.entities if e.type == "Company"]
    assert [c.label for c in companies] == ["浙江某盛精密传动股份有限公司"]
    assert "某盛传动" in companies[0].aliases


def test_a_legal_name_without_its_country_is_the_same_company():
    [ex] = _extract("某威尔工具（永康）有限公司是美国某威尔工具公司的全资子公司。某威尔工具公司总部位于美国芝加哥。")
    companies = {e.label: e for e in ex.entities if e.type == "Company"}
    assert set(companies) == {"某威尔工具（永康）有限公司", "美国某威尔工具公司"}
    assert len(companies["美国某威尔工具公司"].mentions) == 2


def test_a_former_name_in_brackets_joins_and_the_current_name_is_the_label():
    [ex] = _extract("10日，宁波前某新区（原宁波杭州某新区）招商推介会在慈溪举行。前某新区将加快建设。")
    parks = [e for e in ex.entities if e.type == "Park"]
    assert [p.label for p in parks] == ["宁波前某新区"]
    assert {"宁波杭州某新区", "前某新区"} <= set(parks[0].aliases)


def test_a_regional_subsidiary_does_not_take_the_brand_of_a_well_known_parent():
    # 霍尼韦尔 is in kg/data/well_known.jsonl: its brand stays with the parent
    [ex] = _extract("霍尼韦尔航空科技（杭州）有限公司的新工厂开工。霍尼韦尔是全球500强。")
    companies = {e.label: [m.text for m in e.mentions] for e in ex.entities if e.type == "Company"}
    assert companies == {"霍尼韦尔航空科技（杭州）有限公司": ["霍尼韦尔航空科技（杭州）有限公司"],
                         "霍尼韦尔国际公司": ["霍尼韦尔"]}


def test_a_group_and_a_listed_company_of_the_same_brand_stay_apart():
    [ex] = _extract("某石集团有限公司是中国某石股份有限公司的全资子公司。")
    assert sorted(e.label for e in ex.entities if e.type == "Company") == ["中国某石股份有限公司", "某石集团有限公司"]


def test_a_zone_is_written_with_its_standard_short_form_and_its_former_name():
    [ex] = _extract("临某经济技术开发区今年新引进项目12个。临某经开区的前身是余某经济技术开发区。临某经开区将加快发展。")
    parks = [e for e in ex.entities if e.type == "Park"]
    assert len(parks) == 1 and {"临某经济技术开发区", "余某经济技术开发区"} <= set(parks[0].aliases) | {parks[0].label}


def test_a_short_form_declared_after_a_comma_in_brackets():
    [ex] = _extract("北仑区（宁波经济技术开发区，以下简称“宁波开发区”）二季度重大项目签约。宁波开发区将加快推进。")
    parks = [e for e in ex.entities if e.type == "Park"]
    assert len(parks) == 1 and {m.text for m in parks[0].mentions} == {"宁波经济技术开发区", "宁波开发区"}


def test_a_capacity_project_is_labelled_without_its_investors_short_name():
    [ex] = _extract("前三，某远精密年产50万套谐波减速器技改项目于9月竣工投产。")
    [project] = [e for e in ex.entities if e.type == "Project"]
    assert project.label == "年产50万套谐波减速器技改项目"
    assert [m.text for m in project.mentions] == ["某远精密年产50万套谐波减速器技改项目"]


def test_a_company_founded_under_a_name_that_is_said_to_be_the_former_one():
    [ex] = _extract("他创办了杭州某微视觉科技有限公司，这就是某微智能的前身。某微智能获评小巨人。")
    companies = [e for e in ex.entities if e.type == "Company"]
    assert len(companies) == 1 and "某微智能" in {m.text for m in companies[0].mentions}


def test_a_well_known_company_keeps_the_country_written_before_it():
    [ex] = _extract("项目引进德国西门子的自动化产线。")
    assert [m.text for e in ex.entities if e.type == "Company" for m in e.mentions] == ["德国西门子"]


def test_a_project_written_after_its_companys_short_name_is_one_name_with_it():
    [ex] = _extract("浙江今某凯达轮毂股份有限公司（以下简称“今某凯达”）是龙头。今某凯达年产200万只轻量化铝合金轮毂技改项目开工。")
    projects = [e for e in ex.entities if e.type == "Project"]
    assert [m.text for p in projects for m in p.mentions] == ["今某凯达年产200万只轻量化铝合金轮毂技改项目"]
    companies = [e for e in ex.entities if e.type == "Company"]
    assert [m.text for m in companies[0].mentions] == ["浙江今某凯达轮毂股份有限公司", "今某凯达"]


def test_a_project_named_by_its_company_joins_the_companys_one_project():
    [ex] = _extract("杭州前某齿轮箱集团股份有限公司（以下简称“前某齿轮”）船用齿轮箱智能化技改项目开工。"
                    "前某齿轮技改项目将新建一条装配线。")
    [project] = [e for e in ex.entities if e.type == "Project"]
    assert [m.text for m in project.mentions] == ["船用齿轮箱智能化技改项目", "前某齿轮技改项目"]


def test_a_declared_short_name_known_to_the_gazetteer_still_names_the_project_after_it():
    # 士兰微 is in kg/data/well_known.jsonl, so the short name is a mention of its own
    [ex] = _extract("杭州士兰微电子股份有限公司（以下简称“士兰微”）12英寸功率芯片技改项目开工。"
                    "士兰微技改项目将新建一条产线。")
    [project] = [e for e in ex.entities if e.type == "Project"]
    assert [m.text for m in project.mentions] == ["12英寸功率芯片技改项目", "士兰微技改项目"]


def test_a_technology_at_the_start_of_a_project_name_is_no_company():
    [ex] = _extract("公司投资15亿元的具身智能机器人产业化基地项目开工。")
    assert [e.label for e in ex.entities if e.type == "Company"] == []


def test_the_next_phase_of_a_companys_first_phase_project_is_another_project():
    [ex] = _extract("杭州某达半导体材料有限公司（以下简称“某达半导体”）年产60万片硅外延片项目（一期）投产。"
                    "明年推动某达半导体二期项目开工。")
    projects = sorted(e.label for e in ex.entities if e.type == "Project")
    assert projects == ["年产60万片硅外延片项目（一期）", "某达半导体二期项目"]


def _companies(ex):
    return {e.label: sorted({m.text for m in e.mentions}) for e in ex.entities if e.type == "Company"}


def test_a_company_history_is_one_company():
    # 创办了A厂 … 企业改制为B … 更名为现名: all three names are the company the profile is about
    [ex] = _extract("【企业风采】走进宁波某铖压铸科技股份有限公司\n"
                    "1998年，他在北仑大碶镇办起了北仑大碶某铖五金压铸厂，给摩托车厂做配件。“那时候全厂11个人。”他回忆。"
                    "2005年，企业改制为宁波某铖压铸有限公司，开始转做汽车零部件；2020年完成股改，更名为现名。")
    companies = _companies(ex)
    assert list(companies) == ["宁波某铖压铸科技股份有限公司"]
    assert {"北仑大碶某铖五金压铸厂", "宁波某铖压铸有限公司"} <= set(companies["宁波某铖压铸科技股份有限公司"])


def test_a_rename_told_by_company_reaches_back_to_the_name_that_shares_the_brand():
    [ex] = _extract("2004年，纸厂改制为杭州某旭纸业有限公司，年产能扩大到8万吨。"
                    "后来某旭新材与宁波材料所合作，做出了第一批隔膜。"
                    "2019年，公司完成股份制改造，更名为浙江某旭新材料股份有限公司。")
    companies = _companies(ex)
    assert list(companies) == ["浙江某旭新材料股份有限公司"]
    assert "杭州某旭纸业有限公司" in companies["浙江某旭新材料股份有限公司"]


def test_a_subsidiary_sharing_the_brand_is_not_the_current_name():
    [ex] = _extract("杭州某光新材料科技股份有限公司是行业龙头。2018年，公司更名为杭州某光新材料科技有限公司；"
                    "2022年完成股份制改造，更名为现名。2023年在宁夏设立全资子公司宁夏某光新材料有限公司。")
    assert sorted(_companies(ex)) == ["宁夏某光新材料有限公司", "杭州某光新材料科技股份有限公司"]


def test_a_short_group_name_before_a_project_is_part_of_its_name():
    [ex] = _extract("某石集团有限公司投资45亿元的某石集团智能制造基地三期项目全面投产。")
    [project] = [e for e in ex.entities if e.type == "Project"]
    assert "某石集团智能制造基地三期项目" in {m.text for m in project.mentions}


def test_a_product_at_the_start_of_a_project_name_is_no_company():
    [ex] = _extract("圣某尼投资2.5亿美元，建设无缝针织装备华东制造基地项目。它是全球无缝针织圆机领域的龙头。")
    assert "无缝针织装备" not in {e.label for e in ex.entities if e.type == "Company"}


def test_a_brand_at_the_start_of_a_project_name_named_elsewhere_is_a_company():
    [ex] = _extract("引导液化空气、松某、三某等率先完成储能项目建设。“三某智控未来产业中心”正式签约。")
    assert "三某智控" in {e.label for e in ex.entities if e.type == "Company"}


def test_a_family_name_and_title_is_the_one_person_with_that_family_name():
    [ex] = _extract("他跟着时任局长何志刚跑遍了各地的电气展会。“何局长常说，招商不是等来的。”")
    people = {e.label: sorted({m.text for m in e.mentions}) for e in ex.entities if e.type == "Person"}
    assert people == {"何志刚": ["何局长", "何志刚"]}


def test_company_and_product_name_the_project_that_holds_the_product():
    [ex] = _extract("浙江金固股份有限公司（以下简称“金固股份”）是龙头企业。一是推动金固股份年产300万件低碳车轮智能工厂项目开工。金固股份低碳车轮项目投产后，产值可达20亿元。"
                    "某某公司年产5万吨光伏玻璃项目也已签约。")
    projects = {e.label: sorted({m.text for m in e.mentions}) for e in ex.entities if e.type == "Project"}
    assert projects["年产300万件低碳车轮智能工厂项目"] == ["金固股份低碳车轮项目", "金固股份年产300万件低碳车轮智能工厂项目"]


def test_company_product_and_kind_name_the_project_that_holds_the_product():
    [ex] = _extract("3月10日，王力安防科技股份有限公司年产100万樘智能安全门技改项目竣工投产。"
                    "王力安防智能安全门技改项目投产后，年产值可达8亿元。")
    [project] = [e for e in ex.entities if e.type == "Project"]
    assert "王力安防智能安全门技改项目" in {m.text for m in project.mentions}


def test_a_companys_project_named_twice_by_the_company_stays_one_project_with_its_full_label():
    [ex] = _extract("主会场开工的浙江恒某新材料有限公司（以下简称“恒某新材”）年产20万吨高性能聚酰胺项目总投资46亿元。"
                    "记者来到恒某新材项目现场。作为恒某新材项目的项目长，他说进度很快。")
    [project] = [e for e in ex.entities if e.type == "Project"]
    assert project.label == "年产20万吨高性能聚酰胺项目"
    assert {m.text for m in project.mentions} == {"年产20万吨高性能聚酰胺项目", "恒某新材项目"}


def test_a_project_named_with_its_company_joins_the_companys_reference_to_it():
    [ex] = _extract("浙江零某科技股份有限公司（以下简称“零某汽车”）是链主企业。产业园内，总投资58亿元的零某汽车年产20万辆新能源整车扩建项目已完成主体工程。"
                    "下半年将加快零某汽车扩建项目建设。")
    [project] = [e for e in ex.entities if e.type == "Project"]
    assert {m.text for m in project.mentions} == {"零某汽车年产20万辆新能源整车扩建项目", "零某汽车扩建项目"}


def test_a_project_found_whole_by_another_documents_name_joins_the_project_without_the_company():
    from kg.link.cluster import NameTable, company_led_projects
    from kg.records import Mention
    table = NameTable()
    table.new("Company", ["厦门合某包装印刷股份有限公司", "合某包装"])
    project = table.new("Project", ["年产3亿平方米绿色智能包装项目"])
    whole = Mention(text="合某包装年产3亿平方米绿色智能包装项目", start=0, end=19, type="Project",
                    rule="link.corpus_gazetteer", confidence=0.65)
    assert company_led_projects([whole], table) == [whole]
    assert table.lookup(whole.text) == project


def test_the_works_of_a_park_name_no_company():
    [ex] = _extract("秀某新区内的秀某微电子产业园位于嘉北街道。秀某微电子产业园二期工程开工建设。")
    assert [e.label for e in ex.entities if e.type == "Company"] == []
    assert [e.label for e in ex.entities if e.type == "Project"] == ["秀某微电子产业园二期工程"]


def test_a_bare_phase_of_a_company_joins_its_project_of_that_phase():
    [ex] = _extract("长兴某澈膜材料有限公司（以下简称“某澈膜材”）年产5000万平方米反渗透膜二期项目开工。"
                    "全年推进某澈膜材二期等重点项目建设。")
    [project] = [e for e in ex.entities if e.type == "Project"]
    assert project.label == "年产5000万平方米反渗透膜二期项目"
    assert "某澈膜材二期" in {m.text for m in project.mentions}


def test_a_bare_next_phase_of_a_companys_project_is_no_project():
    [ex] = _extract("杭州某湾储能科技有限公司（以下简称“某湾储能”）年产8GWh储能电池项目投产。明年加快某湾储能二期建设。")
    assert [e.label for e in ex.entities if e.type == "Project"] == ["年产8GWh储能电池项目"]


def test_a_bare_phase_of_a_company_with_no_other_project_is_a_project():
    [ex] = _extract("某越精工（杭州）有限公司是日本企业在华设立的子公司。此次实施的某越精工二期总投资4800万美元。")
    assert [e.label for e in ex.entities if e.type == "Project"] == ["某越精工二期"]


def test_a_parent_declaring_its_short_name_after_its_latin_one_stays_apart_from_its_subsidiary():
    [ex] = _extract("法国达某软件集团（Dalmont Logiciels，以下简称“达某”）有意在亚太地区设立研发中心。达某总部位于法国图卢兹。"
                    "2024年5月，达某通过其在华全资子公司达某软件（杭州）有限公司投资5亿元，在云栖小镇建设达某亚太人工智能研发中心项目。")
    companies = {e.label: {m.text for m in e.mentions} for e in ex.entities if e.type == "Company"}
    assert companies == {"法国达某软件集团": {"法国达某软件集团", "达某"}, "达某软件（杭州）有限公司": {"达某软件（杭州）有限公司"}}


def test_a_project_a_company_invests_in_through_its_subsidiary_is_its_project():
    [ex] = _extract("德国罗某曼液压集团（Rothmann Hydraulik，以下简称“罗某曼”）将通过其在华全资子公司罗某曼液压（杭州）有限公司投资12亿元，"
                    "建设高端液压元件研发及生产基地项目。据悉，罗某曼项目从首次接触到正式签约仅用了4个月。")
    [project] = [e for e in ex.entities if e.type == "Project"]
    assert project.label == "高端液压元件研发及生产基地项目"
    assert {m.text for m in project.mentions} == {"高端液压元件研发及生产基地项目", "罗某曼项目"}


def test_a_short_reference_by_brand_and_product_joins_the_brands_one_project_holding_the_product():
    [ex] = _extract("主会场设在浙江华某医疗器械有限公司（以下简称“华某医疗”）年产500万套微创手术器械项目现场。"
                    "华某医疗微创器械项目投产后，年产值可达8亿元。")
    [project] = [e for e in ex.entities if e.type == "Project"]
    assert {m.text for m in project.mentions} == {"年产500万套微创手术器械项目", "华某医疗微创器械项目"}


def test_a_reference_by_the_bare_brand_joins_the_project_its_companies_invest_in():
    [ex] = _extract("去年6月，星某娱乐集团通过其在华全资子公司星某娱乐（绍兴）网络科技有限公司投资5亿元，"
                    "建设星某娱乐数字内容研发中心项目。“星某项目落地后，小镇的短板补上了。”")
    [project] = [e for e in ex.entities if e.type == "Project"]
    assert {m.text for m in project.mentions} == {"星某娱乐数字内容研发中心项目", "星某项目"}


def test_a_companys_second_named_project_is_not_a_reference_to_its_first():
    [ex] = _extract("2021年，中某传感通过全资子公司杭州中某智造有限公司投资建设年产5亿颗MEMS传感器芯片项目。"
                    "目前，中某传感正在物联网小镇建设中某传感研发总部项目。")
    assert sorted(e.label for e in ex.entities if e.type == "Project") == ["中某传感研发总部项目", "年产5亿颗MEMS传感器芯片项目"]


def test_a_company_abbreviated_with_its_brand_and_head_word_joins_its_legal_name():
    [ex] = _extract("由运某城建集团负责建设的产业园二期工程完成基础施工。建设单位：杭州运某城市建设发展集团有限公司。")
    [company] = [e for e in ex.entities if e.type == "Company"]
    assert {m.text for m in company.mentions} == {"运某城建集团", "杭州运某城市建设发展集团有限公司"}


def test_a_project_written_after_a_short_name_found_only_later_is_the_companys_project():
    [ex] = _extract("其中，恒某精密年产2万台工业减速机技改项目完成设备安装。建设单位为杭州恒某精密机械有限公司。"
                    "明年推动恒某精密技改项目达产。")
    [project] = [e for e in ex.entities if e.type == "Project"]
    assert "恒某精密技改项目" in {m.text for m in project.mentions}


def test_two_local_government_groups_share_no_generic_short_name():
    ctx = rule_context()
    assert "城投集团" not in company_aliases("金东区城投集团", ctx)
    assert "经开区城投集团" not in company_aliases("丽水经开区城投集团", ctx)
    a, b = _extract("由金东区城投集团负责建设。", "由丽水经开区城投集团负责建设。")
    assert [e.label for e in a.entities if e.type == "Company"] == ["金东区城投集团"]
    assert [e.label for e in b.entities if e.type == "Company"] == ["丽水经开区城投集团"]


def test_a_headline_reference_by_a_brand_of_three_or_more_joins_the_groups_project():
    [ex] = _extract("海某鲁斯船用氢能动力基地项目落户\n\n挪威海某鲁斯海洋技术集团（Hydrus Marine，以下简称“海某鲁斯集团”）"
                    "将通过其在华全资子公司海某鲁斯海洋装备（舟山）有限公司投资2.6亿美元，建设船用压载水处理系统及氢燃料电池动力模块生产基地项目。")
    [project] = [e for e in ex.entities if e.type == "Project"]
    assert project.label == "船用压载水处理系统及氢燃料电池动力模块生产基地项目"


def test_a_government_group_written_by_its_level_and_initials_joins_its_legal_name():
    [ex] = _extract("由区城发集团负责建设的人才公寓二期工程开工。建设单位：杭州临平城市发展集团有限公司。")
    [company] = [e for e in ex.entities if e.type == "Company"]
    assert {m.text for m in company.mentions} == {"区城发集团", "杭州临平城市发展集团有限公司"}


def test_a_common_noun_at_the_start_of_a_project_name_is_no_brand():
    [ex] = _extract("杭州微某医疗机器人有限公司手术机器人产业化项目签约。手术机器人市场空间很大。")
    assert "手术机器人" not in {e.label for e in ex.entities if e.type == "Company"}


def test_two_zones_of_one_kind_share_no_bare_kind_and_a_zone_keeps_its_county_form():
    ctx = rule_context()
    assert "吴兴高新技术产业园区" in park_aliases("湖州吴兴高新技术产业园区", ctx)
    [ex] = _extract("主会场设在金华金东经济开发区。永康经济开发区（以下简称“永康经开区”）设分会场。")
    parks = sorted(e.label for e in ex.entities if e.type == "Park")
    assert len(parks) == 2


def test_a_reference_by_company_and_facility_joins_the_project_named_with_the_company():
    [ex] = _extract("拓某数字工业互联网平台总部项目前期推进。杭州拓某数字科技有限公司（以下简称“拓某数字”）获评小巨人企业。"
                    "明年加快拓某数字总部项目开工。")
    [project] = [e for e in ex.entities if e.type == "Project"]
    assert {m.text for m in project.mentions} == {"拓某数字工业互联网平台总部项目", "拓某数字总部项目"}
