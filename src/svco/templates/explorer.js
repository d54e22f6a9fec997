// The docs' explorer: click an activity or an arrow of the value chain overview, or pick a value stream.
// Reads the JSON of <script id="explorer-data"> (written by svco.explorer); no network, works from file://.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("explorer-data").textContent);
  var detail = document.getElementById("explorer-detail");
  var svg = document.querySelector("#value-chain svg.diagram");
  var byKey = {};
  data.activities.forEach(function (a) { byKey[a.key] = a; });

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  function link(anchor, text) { return el("a", { href: "#" + anchor }, [text]); }
  function end(key, party) { return key ? link(key, byKey[key] ? byKey[key].label : key) : el("em", {}, [party || "outside"]); }
  function artifactItem(flow, other) {
    var item = el("li", {}, [link(flow.artifactAnchor, flow.artifact), " "].concat(other));
    flow.seeds.forEach(function (s) { item.append(el("span", { class: "seed" }, ["\u201c" + s + "\u201d"])); });
    return item;
  }
  function show(title, parts) {
    detail.replaceChildren(el("h3", {}, [title]));
    parts.forEach(function (p) { detail.append(p); });
  }
  function mark(selector) {
    svg.querySelectorAll(".picked").forEach(function (n) { n.classList.remove("picked"); });
    if (selector) svg.querySelectorAll(selector).forEach(function (n) { n.classList.add("picked"); });
  }

  function showActivity(key) {
    var a = byKey[key];
    var received = data.flows.filter(function (f) { return f.to === key; });
    var sent = data.flows.filter(function (f) { return f.from === key; });
    var practices = el("ul", {}, a.practices.map(function (p) {
      var how = "supports " + p.activities + " of 6 activities";
      if (p.steps) how = "used in " + p.steps + " step" + (p.steps > 1 ? "s" : "") + " of the loaded streams; " + how;
      return el("li", {}, [link(p.anchor, p.label), " ", el("span", { class: "pill" }, [how])]);
    }));
    show(a.label, [
      el("p", {}, [link(key, "About " + a.label)]),
      el("strong", {}, ["Receives (" + received.length + ")"]),
      el("ul", { class: "receives" }, received.map(function (f) { return artifactItem(f, ["from ", end(f.from, f.party)]); })),
      el("strong", {}, ["Sends (" + sent.length + ")"]),
      el("ul", { class: "sends" }, sent.map(function (f) { return artifactItem(f, ["to ", end(f.to, f.party)]); })),
      el("strong", {}, ["Practices that contribute (" + a.practices.length + ")"]),
      practices,
    ]);
    mark("#chain-" + key);
  }

  function showExchange(first, second) {
    var parts = [];
    [[first, second], [second, first]].forEach(function (pair) {
      var flows = data.flows.filter(function (f) { return f.from === pair[0] && f.to === pair[1]; });
      if (!flows.length) return;
      parts.push(el("strong", {}, [byKey[pair[0]].label + " \u2192 " + byKey[pair[1]].label + " (" + flows.length + ")"]));
      parts.push(el("ul", { class: "exchange-list" }, flows.map(function (f) { return artifactItem(f, []); })));
    });
    show(byKey[first].label + " \u2194 " + byKey[second].label,
      [el("p", {}, [end(first), " and ", end(second)])].concat(parts));
    mark("#edge-" + first + "-" + second);
  }

  function clearStream() {
    svg.querySelectorAll(".faded, .in-stream, .off-chain").forEach(function (n) {
      n.classList.remove("faded", "in-stream", "off-chain");
    });
    svg.querySelectorAll(".badge").forEach(function (n) { n.remove(); });
  }

  function showStream(index) {
    clearStream();
    if (index === "") { detail.replaceChildren(); return; }
    var s = data.streams[Number(index)];
    var used = {};
    s.steps.forEach(function (step) {
      if (!step.activity) return;
      (used[step.activity] = used[step.activity] || []).push(step.position || "?");
    });
    var pairs = {};
    s.handoffs.forEach(function (h) {
      var a = s.steps[h.from].activity, b = s.steps[h.to].activity;
      if (!a || !b || a === b) return;
      var kind = h.warning ? "off-chain" : "in-stream";  // a hand-off the chain does not foresee: red
      [a + "-" + b, b + "-" + a].forEach(function (k) { if (pairs["edge-" + k] !== "off-chain") pairs["edge-" + k] = kind; });
    });
    svg.querySelectorAll("g.activity").forEach(function (g) {
      var key = g.id.replace(/^chain-/, "");
      if (!used[key]) { g.classList.add("faded"); return; }
      var box = g.getBBox();
      var badge = document.createElementNS("http://www.w3.org/2000/svg", "text");
      badge.setAttribute("class", "badge");
      badge.setAttribute("x", box.x + box.width + 4);
      badge.setAttribute("y", box.y + 14);
      badge.textContent = "step " + used[key].join(", ");
      g.parentNode.append(badge);
    });
    svg.querySelectorAll("g.exchange").forEach(function (g) {
      g.classList.add(pairs[g.id] || "faded");
    });
    var steps = el("ol", { class: "steps" }, s.steps.map(function (step) {
      var item = el("li", { value: step.position || 0 }, [
        el("strong", {}, [step.label]), " ", el("span", { class: "pill" }, [step.activity ? byKey[step.activity].label : "no activity"]),
      ]);
      step.warnings.forEach(function (w) { item.append(el("div", { class: "warn" }, ["\u26a0 " + w[0] + ": " + w[1]])); });
      return item;
    }));
    var warnings = s.warnings.map(function (w) { return el("p", { class: "warn" }, ["\u26a0 " + w[0] + ": " + w[1]]); });
    s.handoffs.forEach(function (h) {
      if (h.warning) warnings.push(el("p", { class: "warn" }, ["\u26a0 " + s.steps[h.from].label + " \u2192 " + s.steps[h.to].label + ": " + h.warning]));
    });
    show(s.label, [
      el("p", { class: "small" }, ["Starts with: " + (s.triggers.join("; ") || "no trigger")]),
      steps,
      el("p", { class: "small" }, ["Achieves: " + (s.outcomes.join("; ") || "no outcome")]),
    ].concat(warnings));
    mark(null);
  }

  svg.querySelectorAll("g.activity").forEach(function (g) {
    g.addEventListener("click", function () { showActivity(g.id.replace(/^chain-/, "")); });
  });
  svg.querySelectorAll("g.exchange").forEach(function (g) {
    var keys = g.id.replace(/^edge-/, "").split("-");
    g.addEventListener("click", function () { showExchange(keys[0], keys[1]); });
  });
  document.getElementById("stream-pick").addEventListener("change", function (e) { showStream(e.target.value); });
})();
