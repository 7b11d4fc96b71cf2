/* park-kg explorer: search box, type and park filters, hover tooltip and details panel.
 *
 * Article text (names, sentences, document titles) reaches the page only through the JSON
 * block #kg-data and is put into the DOM with textContent only: nothing here parses HTML.
 * Links to source documents are set as the href property, and only for file:/http(s): URLs.
 * The pure functions (normalise … visibleNodes) run under Node for the tests; start() wires
 * them to the page once pyvis's script has created the global `network`.
 * When the graph has been drawn (and this script has run), window.kgExplorer.firstDrawMs
 * holds the performance.now() of the first draw (milliseconds since navigation, recorded by
 * a hook in pyvis's script) and #mynetwork gets data-kg-drawn="1"; it gets
 * data-kg-still="1" once nodes stop moving (at once when physics is off).
 */
(function (root) {
  "use strict";

  const TIP_FACTS = 6;
  const TIP_EVIDENCE = 3;
  const TIP_CHARS = 120;
  const LABEL_MIN_SCALE = 0.45;      // below it vis-network would not draw an 11px label
  const EDGE_LABEL_BUDGET = 1000;    // more edges in view: no labels (~0.13 ms per label)

  /* The identity of a name: full/half width folded, no white space, lower case. */
  function normalise(text) {
    return String(text).normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  }

  /* Map normalised name -> [node index] over every label and alias. */
  function buildIndex(nodes) {
    const index = new Map();
    nodes.forEach(function (node, i) {
      node.names.forEach(function (name) {
        const key = normalise(name);
        if (!key) return;
        const ids = index.get(key) || [];
        if (ids.indexOf(i) < 0) ids.push(i);
        index.set(key, ids);
      });
    });
    return index;
  }

  /* Nodes named exactly `query`; failing that, nodes with a name containing it
     (shortest names first). */
  function findNodes(index, query) {
    const key = normalise(query);
    if (!key) return [];
    if (index.has(key)) return index.get(key).slice();
    const names = [];
    index.forEach(function (ids, name) { if (name.indexOf(key) >= 0) names.push(name); });
    names.sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); });
    const found = new Set();
    names.forEach(function (name) { index.get(name).forEach(function (i) { found.add(i); }); });
    return Array.from(found);
  }

  /* incident[node index] = [edge index …] */
  function incidence(data) {
    const incident = data.nodes.map(function () { return []; });
    data.edges.forEach(function (edge, j) {
      incident[edge.from].push(j);
      if (edge.to !== edge.from) incident[edge.to].push(j);
    });
    return incident;
  }

  /* Only links that open a document: no javascript:, data: … */
  function safeHref(href) {
    return typeof href === "string" && /^(https?|file):/i.test(href) ? href : "";
  }

  /* docs[d] = [title, source, href, date] -> "《title》 date source" */
  function docLine(data, d) {
    if (d === null || d === undefined) return "";
    const doc = data.docs[d];
    const title = doc[0] ? "《" + doc[0] + "》" : "";
    return [title, doc[3], doc[1]].filter(Boolean).join(" ");
  }

  function docItem(data, d) {
    const href = d === null || d === undefined ? "" : safeHref(data.docs[d][2]);
    return { doc: docLine(data, d), href: href };
  }

  function evidenceItem(data, ev) {
    const item = docItem(data, ev[1]);
    return { text: ev[0], doc: item.doc, href: item.href };
  }

  function uniqueEvidence(items) {
    const seen = new Set();
    return items.filter(function (it) {
      const key = it.text + "\u241f" + it.doc;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  function typeName(data, type) {
    const t = data.types[type];
    return (t ? t.zh + " · " : "") + type;
  }

  function relationLine(data, edge, outgoing, other) {
    const rel = data.relations[edge.rel] || edge.rel;
    const roles = edge.roles.length ? "（" + edge.roles.join("、") + "）" : "";
    return (outgoing ? rel + " → " + other : rel + " ← " + other) + roles;
  }

  /* Plain-text description of node i: {heading, kind, names, facts, evidence, docs, iri}. */
  function describeNode(data, incident, i) {
    const node = data.nodes[i];
    const facts = node.facts.slice();
    const evidence = node.evidence.map(function (ev) { return evidenceItem(data, ev); });
    (incident[i] || []).forEach(function (j) {
      const edge = data.edges[j];
      const outgoing = edge.from === i;
      const other = data.nodes[outgoing ? edge.to : edge.from].names[0];
      facts.push(relationLine(data, edge, outgoing, other));
      edge.evidence.forEach(function (ev) { evidence.push(evidenceItem(data, ev)); });
    });
    return {
      heading: node.names[0], kind: typeName(data, node.type), names: node.names.slice(1),
      facts: facts, evidence: uniqueEvidence(evidence),
      docs: node.docs.map(function (d) { return docItem(data, d); }), iri: node.iri,
    };
  }

  /* Plain-text description of edge j. */
  function describeEdge(data, j) {
    const edge = data.edges[j];
    const rel = data.relations[edge.rel] || edge.rel;
    const head = data.nodes[edge.from].names[0];
    const tail = data.nodes[edge.to].names[0];
    const facts = [];
    if (edge.roles.length) facts.push("职务：" + edge.roles.join("、"));
    if (edge.conf !== null && edge.conf !== undefined) facts.push("置信度：" + edge.conf);
    return {
      heading: head + " " + rel + " " + tail, kind: "关系 · " + edge.rel, names: [],
      facts: facts,
      evidence: uniqueEvidence(edge.evidence.map(function (ev) { return evidenceItem(data, ev); })),
      docs: [], iri: "",
    };
  }

  /* Which nodes the filters show: a type in `types` (a Set) and, when `park` is a number,
     a member of data.parks[park]. Returns one boolean per node. */
  function visibleNodes(data, types, park) {
    const members = park === null || park === undefined ? null
      : new Set(data.parks[park].members);
    return data.nodes.map(function (node, i) {
      return types.has(node.type) && (members === null || members.has(i));
    });
  }

  /* Edges with an end inside `view` ({left, top, right, bottom} in canvas coordinates);
     `positions` maps node id -> {x, y}. More than `budget` edges: none. */
  function edgesInView(edges, positions, view, budget) {
    function inside(i) {
      const p = positions[i];
      return p !== undefined && p.x >= view.left && p.x <= view.right &&
        p.y >= view.top && p.y <= view.bottom;
    }
    const out = [];
    for (let j = 0; j < edges.length; j += 1) {
      if (inside(edges[j].from) || inside(edges[j].to)) {
        out.push(j);
        if (out.length > budget) return [];
      }
    }
    return out;
  }

  /* --- DOM (textContent only) ------------------------------------------------------- */

  function add(parent, tag, className, text) {
    const el = parent.ownerDocument.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    parent.appendChild(el);
    return el;
  }

  function clip(text, limit) {
    return limit && text.length > limit ? text.slice(0, limit) + "…" : text;
  }

  /* A document line, linked when it has a safe href. */
  function addDoc(parent, className, item) {
    if (!item.doc) return;
    const el = add(parent, item.href ? "a" : "span", className, item.doc);
    if (item.href) {
      el.href = item.href;
      el.target = "_blank";
      el.rel = "noopener noreferrer";
      el.title = "打开来源文档";
    }
  }

  function addList(parent, title, items, limit, show) {
    if (!items.length) return;
    add(parent, "div", "kg-section", title + "（" + items.length + "）");
    const ul = add(parent, "ul", "kg-list");
    items.slice(0, limit || items.length).forEach(function (item) { show(add(ul, "li"), item); });
    if (limit && items.length > limit) add(parent, "div", "kg-more", "…点击查看全部");
  }

  /* Fill `el` with a description; `short` = tooltip (truncated lists and sentences). */
  function render(el, desc, short) {
    el.replaceChildren();
    add(el, "div", "kg-heading", desc.heading);
    add(el, "div", "kg-kind", desc.kind);
    if (desc.names.length) add(el, "div", "kg-names", "别名：" + desc.names.join("、"));
    addList(el, "事实", desc.facts, short ? TIP_FACTS : 0, function (li, fact) {
      li.textContent = fact;
    });
    addList(el, "证据", desc.evidence, short ? TIP_EVIDENCE : 0, function (li, ev) {
      add(li, "span", "kg-sentence", clip(ev.text, short ? TIP_CHARS : 0));
      if (short) { if (ev.doc) add(li, "span", "kg-doc", ev.doc); } else addDoc(li, "kg-doc", ev);
    });
    if (!short) {
      addList(el, "来源文档", desc.docs, 0, function (li, doc) { addDoc(li, "kg-doc-link", doc); });
      if (desc.iri) add(el, "div", "kg-iri", desc.iri);
    }
  }

  function start(doc, network) {
    const data = JSON.parse(doc.getElementById("kg-data").textContent);
    const incident = incidence(data);
    const index = buildIndex(data.nodes);
    const panel = doc.getElementById("kg-panel-body");
    const container = doc.getElementById("mynetwork");
    const tip = add(container, "div", "", undefined);
    tip.id = "kg-tooltip";
    tip.hidden = true;

    function showTip(desc, pointer) {
      render(tip, desc, true);
      tip.hidden = false;
      const x = pointer.x + 14 + tip.offsetWidth > container.clientWidth
        ? Math.max(0, pointer.x - 14 - tip.offsetWidth) : pointer.x + 14;
      const y = pointer.y + 14 + tip.offsetHeight > container.clientHeight
        ? Math.max(0, pointer.y - 14 - tip.offsetHeight) : pointer.y + 14;
      tip.style.left = x + "px";
      tip.style.top = y + "px";
    }
    function hideTip() { tip.hidden = true; }

    network.on("hoverNode", function (p) {
      showTip(describeNode(data, incident, p.node), p.pointer.DOM);
    });
    network.on("hoverEdge", function (p) { showTip(describeEdge(data, p.edge), p.pointer.DOM); });
    ["blurNode", "blurEdge", "dragStart", "zoom", "click"].forEach(function (name) {
      network.on(name, hideTip);
    });
    network.on("click", function (p) {
      if (p.nodes.length) render(panel, describeNode(data, incident, p.nodes[0]), false);
      else if (p.edges.length) render(panel, describeEdge(data, p.edges[0]), false);
    });
    function still() { container.setAttribute("data-kg-still", "1"); }
    if (network.physics && network.physics.options && !network.physics.options.enabled) still();
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      still();
    });
    function drawn() {
      root.kgExplorer.firstDrawMs = root.kgFirstDrawMs;
      container.setAttribute("data-kg-drawn", "1");
    }
    if (typeof root.kgFirstDrawMs === "number") drawn();
    else network.once("afterDrawing", drawn);
    // vis-network animates frame by frame: on a large graph one frame is slow, so no animation
    const animation = data.lazyEdgeLabels ? false : { duration: 400 };
    const relabel = data.lazyEdgeLabels ? wireEdgeLabels(network, data, container) : function () {};
    const filters = wireFilters(doc, network, data, animation);

    const input = doc.getElementById("kg-search-input");
    const status = doc.getElementById("kg-search-status");
    let hits = [];
    let at = 0;
    let last = null;
    function search() {
      if (input.value !== last) {
        last = input.value;
        hits = findNodes(index, last);
        at = 0;
      } else if (hits.length) {
        at = (at + 1) % hits.length;   // same query again: next hit
      }
      if (!hits.length) {
        status.textContent = normalise(last) ? "未找到：" + last : "";
        return;
      }
      const i = hits[at];
      if (!filters.isShown(i)) filters.reset();
      status.textContent = hits.length > 1 ? (at + 1) + "/" + hits.length + "（再按一次看下一个）" : "";
      network.selectNodes([i]);
      network.focus(i, { scale: 1.2, animation: animation });
      relabel();
      render(panel, describeNode(data, incident, i), false);
    }
    doc.getElementById("kg-search-button").addEventListener("click", search);
    input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") search(); });
  }

  /* Type checkboxes (#kg-legend) and the park list (#kg-park-filter) hide nodes and the
     edges that touch them. Returns {isShown(i), reset()}. */
  function wireFilters(doc, network, data, animation) {
    const nodeSet = network.body.data.nodes;
    const edgeSet = network.body.data.edges;
    const boxes = Array.prototype.slice.call(
      doc.getElementById("kg-legend").querySelectorAll("input.kg-type-filter"));
    const select = doc.getElementById("kg-park-filter");
    const stats = doc.getElementById("kg-stats");
    const total = stats.textContent;
    data.parks.forEach(function (park, k) {
      const option = add(select, "option", "", data.nodes[park.node].names[0] +
        "（" + park.members.length + "）");
      option.value = String(k);
    });
    let shown = data.nodes.map(function () { return true; });

    function apply() {
      const types = new Set(boxes.filter(function (b) { return b.checked; })
        .map(function (b) { return b.value; }));
      const park = select.value === "" ? null : Number(select.value);
      const next = visibleNodes(data, types, park);
      const nodeChanges = [];
      next.forEach(function (v, i) { if (v !== shown[i]) nodeChanges.push({ id: i, hidden: !v }); });
      const edgeChanges = [];
      data.edges.forEach(function (e, j) {
        const was = shown[e.from] && shown[e.to];
        const now = next[e.from] && next[e.to];
        if (was !== now) edgeChanges.push({ id: j, hidden: !now });
      });
      shown = next;
      if (nodeChanges.length) nodeSet.update(nodeChanges);
      if (edgeChanges.length) edgeSet.update(edgeChanges);
      const count = next.filter(Boolean).length;
      const links = data.edges.filter(function (e) { return next[e.from] && next[e.to]; }).length;
      stats.textContent = count === next.length ? total : "显示 " + count + " / " +
        next.length + " 个节点 · " + links + " / " + data.edges.length + " 条关系";
      if (park !== null && count) {
        const ids = [];
        next.forEach(function (v, i) { if (v) ids.push(i); });
        network.fit({ nodes: ids, animation: animation });
      }
    }
    boxes.forEach(function (b) { b.addEventListener("change", apply); });
    select.addEventListener("change", apply);
    return {
      isShown: function (i) { return shown[i]; },
      reset: function () {
        boxes.forEach(function (b) { b.checked = true; });
        select.value = "";
        apply();
      },
    };
  }

  /* Large graphs: label only the edges in view, after each zoom, drag or focus.
     Returns the function that schedules a new labelling (call it after moving the view). */
  function wireEdgeLabels(network, data, container) {
    const edgeSet = network.body.data.edges;
    let labelled = new Set();
    let timer = null;

    function wanted() {
      if (network.getScale() < LABEL_MIN_SCALE) return [];
      const a = network.DOMtoCanvas({ x: 0, y: 0 });
      const b = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
      const view = { left: a.x, top: a.y, right: b.x, bottom: b.y };
      return edgesInView(data.edges, network.getPositions(), view, EDGE_LABEL_BUDGET);
    }
    function refresh() {
      timer = null;
      const next = new Set(wanted());
      const changes = [];
      labelled.forEach(function (j) { if (!next.has(j)) changes.push({ id: j, label: "" }); });
      next.forEach(function (j) {
        if (labelled.has(j)) return;
        const rel = data.edges[j].rel;
        changes.push({ id: j, label: data.relations[rel] || rel });
      });
      labelled = next;
      if (changes.length) edgeSet.update(changes);
    }
    function later() { if (timer === null) timer = setTimeout(refresh, 120); }
    ["zoom", "dragEnd", "animationFinished"].forEach(function (name) { network.on(name, later); });
    later();
    return later;
  }

  root.kgExplorer = {
    normalise: normalise, buildIndex: buildIndex, findNodes: findNodes, incidence: incidence,
    describeNode: describeNode, describeEdge: describeEdge, render: render,
    visibleNodes: visibleNodes, safeHref: safeHref, edgesInView: edgesInView,
    firstDrawMs: null,
  };
  if (typeof document !== "undefined" && typeof network !== "undefined" && network) {
    start(document, network);
  }
})(typeof window !== "undefined" ? window : globalThis);
