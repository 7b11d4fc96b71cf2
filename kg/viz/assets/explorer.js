/* park-kg explorer: search box, hover tooltip and details panel.
 *
 * Article text (names, sentences, document titles) reaches the page only through the JSON
 * block #kg-data and is put into the DOM with textContent only: nothing here parses HTML.
 * The pure functions (normalise … describeEdge) run under Node for the tests; start() wires
 * them to the page once pyvis's script has created the global `network`.
 */
(function (root) {
  "use strict";

  const TIP_FACTS = 6;
  const TIP_EVIDENCE = 3;
  const TIP_CHARS = 120;

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

  function docLine(data, d) {
    if (d === null || d === undefined) return "";
    const doc = data.docs[d];
    const title = doc[0] ? "《" + doc[0] + "》" : "";
    return [title, doc[1]].filter(Boolean).join(" ");
  }

  function evidenceItem(data, ev) {
    return { text: ev[0], doc: docLine(data, ev[1]) };
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
      docs: node.docs.map(function (d) { return docLine(data, d); }), iri: node.iri,
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
      li.textContent = clip(ev.text, short ? TIP_CHARS : 0);
      if (ev.doc) add(li, "span", "kg-doc", ev.doc);
    });
    if (!short) {
      addList(el, "来源文档", desc.docs, 0, function (li, doc) { li.textContent = doc; });
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
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
    });

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
      status.textContent = hits.length > 1 ? (at + 1) + "/" + hits.length + "（再按一次看下一个）" : "";
      network.selectNodes([i]);
      network.focus(i, { scale: 1.2, animation: { duration: 400 } });
      render(panel, describeNode(data, incident, i), false);
    }
    doc.getElementById("kg-search-button").addEventListener("click", search);
    input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") search(); });
  }

  root.kgExplorer = {
    normalise: normalise, buildIndex: buildIndex, findNodes: findNodes, incidence: incidence,
    describeNode: describeNode, describeEdge: describeEdge, render: render,
  };
  if (typeof document !== "undefined" && typeof network !== "undefined" && network) {
    start(document, network);
  }
})(typeof window !== "undefined" ? window : globalThis);
