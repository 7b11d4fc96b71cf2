"""Page numbers, jump lines and running headers of PDF text are dropped before rejoining."""
import pytest

from kg.ingest.pages import drop_page_furniture, is_page_furniture
from kg.ingest.rejoin import reflow


@pytest.mark.parametrize("line", ["— 7 —", "- 12 -", "3", "第3页", "3/12", "（下转第4版）", "(上接第3版)"])
def test_page_numbers_and_jump_lines(line):
    assert is_page_furniture(line)


@pytest.mark.parametrize("line", ["2023年", "3个项目", "第3版面设计", "总投资12亿元。", "01 坚持创新"])
def test_text_is_no_furniture(line):
    assert not is_page_furniture(line)


def test_a_sentence_cut_by_a_page_break_is_whole_again():
    text = ("某某日报 2024年1月5日 星期五 园区·年度回眸 7\n\n回眸2023：某屿新区\n\n"
            "研究院将聚焦汽车电子和新材料两个方\n\n— 7 —\n\n某某日报 2024年1月5日 星期五 园区·年度回眸 8\n\n"
            "向，“把论文写在车间里”。\n\n（下转第9版）")
    out = reflow(text)
    assert "两个方向，“把论文写在车间里”。" in out
    assert out.startswith("某某日报 2024年1月5日 星期五 园区·年度回眸 7")     # the masthead stays
    assert "— 7 —" not in out and "8" not in out and "下转" not in out


def test_a_line_said_twice_without_date_or_page_number_stays():
    lines = ["图片新闻", "某某小镇开工。", "图片新闻", "某某园区签约。"]
    assert drop_page_furniture(lines) == lines


def test_a_repeated_line_next_to_a_page_number_is_a_running_header():
    lines = ["某某管委会", "2024年工作总结", "1.某某小镇建设提速。某某时尚", "— 1 —",
             "某某经开区2024年工作总结和2025年工作思路", "小镇全年完成投资。", "— 2 —",
             "某某经开区2024年工作总结和2025年工作思路", "抄送：区发改局。"]
    assert "某某经开区2024年工作总结和2025年工作思路" not in drop_page_furniture(lines)
