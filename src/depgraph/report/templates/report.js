/* The "what if": pick a component (in the diagram, in the list or in the top-risks table)
   to see its blast radius. Reads the precomputed single-failure down sets from
   #what-if-data; writes only text (textContent), never markup, so no name from the
   inventory can inject anything. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("what-if-data").textContent);
  var frame = document.getElementById("diagram-frame");
  var svg = frame.querySelector("svg");
  var MARKS = ["wi-failed", "wi-down", "wi-held"];
  var RANK = { "wi-held": 1, "wi-down": 2, "wi-failed": 3 };
  var boxOf = {};     // component or service id -> the diagram box that draws it
  var pickers = {};   // component id -> the buttons and rows that pick it
  var marked = [];    // what the current selection changed, to undo it
  var panel = {
    empty: document.getElementById("whatif-empty"),
    result: document.getElementById("whatif-result"),
    title: document.getElementById("whatif-title"),
    figures: document.getElementById("whatif-figures"),
    components: document.getElementById("whatif-components"),
    heading: document.getElementById("whatif-services-heading"),
    services: document.getElementById("whatif-services"),
    optionsHeading: document.getElementById("whatif-options-heading"),
    options: document.getElementById("whatif-options"),
    multi: document.getElementById("whatif-multi")
  };
  var picked = [];    // the components failed together (one unless "several" is ticked)

  Object.keys(data.elements).forEach(function (key) {
    var box = document.getElementById(key);
    if (box) { data.elements[key].forEach(function (id) { boxOf[id] = box; }); }
  });
  document.querySelectorAll("[data-component]").forEach(function (node) {
    var id = node.getAttribute("data-component");
    (pickers[id] = pickers[id] || []).push(node);
  });

  function plural(n, one, many) {
    return n.toLocaleString("en-US") + " " + (n === 1 ? one : many);
  }

  function mark(node, name) {
    var current = MARKS.filter(function (m) { return node.classList.contains(m); })[0];
    if (current && RANK[current] >= RANK[name]) { return; }
    if (current) { node.classList.remove(current); } else { marked.push(node); }
    node.classList.add(name);
  }

  function markId(id, name) {
    if (boxOf[id]) { mark(boxOf[id], name); }
    if (name === "wi-down") {
      (pickers[id] || []).forEach(function (node) { mark(node, name); });
    }
  }

  function clear() {
    marked.forEach(function (node) {
      node.classList.remove.apply(node.classList, MARKS.concat(["selected"]));
      if (node.hasAttribute("aria-pressed")) { node.setAttribute("aria-pressed", "false"); }
    });
    marked = [];
    if (svg) { svg.classList.remove("wi-active"); }
    panel.result.hidden = true;
    panel.empty.hidden = false;
    panel.heading.hidden = true;
    panel.services.textContent = "";
    panel.optionsHeading.hidden = true;
    panel.options.hidden = true;
    panel.options.tBodies[0].textContent = "";
  }

  /* several parts failed together: the least fixpoint of "up", as blast computes it */
  var graph = data.graph;
  var nodeOf = {};
  graph.ids.forEach(function (id, n) { nodeOf[id] = n; });
  function together(ids) {
    var count = graph.ids.length;
    var failed = {};
    ids.forEach(function (id) { failed[nodeOf[id]] = true; });
    var up = [];
    var changed = true;
    for (var n = 0; n < count; n += 1) { up.push(false); }
    while (changed) {
      changed = false;
      for (var node = 0; node < count; node += 1) {
        if (up[node] || failed[node]) { continue; }
        var ok = graph.clauses[node].every(function (clause) {
          var members = clause[1].filter(function (m) { return up[m]; }).length;
          return members >= clause[0];
        });
        if (ok) { up[node] = true; changed = true; }
      }
    }
    var down = [];
    var held = [];
    for (var k = 0; k < count; k += 1) {
      if (!up[k]) { down.push(graph.ids[k]); continue; }
      var hit = graph.clauses[k].some(function (clause) {
        return clause[1].some(function (m) { return !up[m]; });
      });
      if (hit) { held.push(graph.ids[k]); }
    }
    var services = down.filter(function (id) { return data.services[id]; });
    services.sort(function (a, b) {
      var x = data.services[a], y = data.services[b];
      return (y.rate - x.rate) || (y.people - x.people) || (a < b ? -1 : a > b ? 1 : 0);
    });
    var cost = services.reduce(function (sum, id) { return sum + data.services[id].rate; }, 0);
    var people = peopleOf(services);
    return {
      name: ids.map(function (id) { return data.components[id].name; }).join(" + "),
      down: down.filter(function (id) { return !data.services[id]; }),
      services: services,
      held: held,
      cost: data.money.replace("0", Math.round(cost).toLocaleString("en-US")) + "/h",
      people: people,
      parts: ids
    };
  }

  /* the people who lose at least one of these services, as blast counts them: per audience
     the smaller of its size and its services' summed people, plus services with no audience */
  function peopleOf(services) {
    var summed = {};
    var loose = 0;
    services.forEach(function (id) {
      var s = data.services[id];
      if (s.audience === null) { loose += s.people; return; }
      summed[s.audience] = (summed[s.audience] || 0) + s.people;
    });
    return Object.keys(summed).reduce(function (sum, a) {
      return sum + Math.min(summed[a], data.audiences[a]);
    }, loose);
  }

  function listItem(left, right) {
    var item = document.createElement("li");
    [left, right].forEach(function (text) {
      var span = document.createElement("span");
      span.textContent = text;
      item.appendChild(span);
    });
    return item;
  }

  function describe(entry) {
    panel.title.textContent = entry.name + (entry.parts ? " fail together" : " fails");
    panel.figures.classList.toggle("safe", entry.services.length === 0);
    if (entry.services.length) {
      panel.figures.textContent = plural(entry.services.length, "service", "services") +
        " down · " + entry.cost + " · " + plural(entry.people, "person", "people");
    } else {
      panel.figures.textContent = "No service goes down" +
        (entry.held.length ? ": redundancy holds." : ".");
    }
    entry.services.forEach(function (id) {
      var s = data.services[id];
      panel.services.appendChild(
        listItem(s.name, s.cost + " · " + plural(s.people, "person", "people")));
    });
    var body = panel.options.tBodies[0];
    (entry.parts || [null]).forEach(function (part) {
      var handling = data.components[part || picked[0]].handling;
      if (entry.parts) {
        var group = document.createElement("tr");
        var cell = document.createElement("th");
        cell.colSpan = 4;
        cell.textContent = data.components[part].name + " on its own";
        group.appendChild(cell);
        body.appendChild(group);
      }
      data.options.forEach(function (option, index) {
        var row = document.createElement("tr");
        var why = handling[index][3];
        [option].concat(handling[index].slice(0, 3)).forEach(function (text, column) {
          var td = document.createElement("td");
          td.textContent = text;
          if (column >= 2) { td.className = "n"; }
          if (column === 2 && why) { td.className = "n slower"; td.title = why; }
          row.appendChild(td);
        });
        body.appendChild(row);
        if (why) {
          var note = document.createElement("tr");
          var cell = document.createElement("td");
          note.className = "slower-note";
          cell.colSpan = 4;
          cell.textContent = why;
          note.appendChild(cell);
          body.appendChild(note);
        }
      });
    });
    panel.options.hidden = false;
    panel.optionsHeading.hidden = false;
    var others = entry.down.length - (entry.parts ? entry.parts.length : 1);
    panel.components.textContent =
      (others > 0 ? plural(others, "other component", "other components") + " down with it. " : "") +
      (entry.held.length ? plural(entry.held.length, "part", "parts") + " kept up by redundancy." : "");
    panel.heading.hidden = entry.services.length === 0;
    panel.empty.hidden = true;
    panel.result.hidden = false;
  }

  function show(id) {
    if (!data.components[id]) { return; }
    if (panel.multi && panel.multi.checked) {
      var at = picked.indexOf(id);
      if (at >= 0) { picked.splice(at, 1); } else { picked.push(id); }
    } else {
      picked = [id];
    }
    if (!picked.length) { clear(); return; }
    var entry = picked.length === 1 ? data.components[picked[0]] : together(picked);
    clear();
    if (svg) { svg.classList.add("wi-active"); }
    entry.held.forEach(function (other) { markId(other, "wi-held"); });
    entry.down.forEach(function (other) { markId(other, "wi-down"); });
    entry.services.forEach(function (other) { markId(other, "wi-down"); });
    picked.forEach(function (failed) {
      markId(failed, "wi-failed");
      (pickers[failed] || []).forEach(function (node) {
        node.classList.remove("wi-down");
        node.classList.add("selected");
        if (marked.indexOf(node) < 0) { marked.push(node); }
        if (node.hasAttribute("aria-pressed")) { node.setAttribute("aria-pressed", "true"); }
      });
    });
    describe(entry);
  }

  /* bring the panel and the diagram into view, then centre the failed box in the frame */
  function reveal(id) {
    var explorer = document.getElementById("whatif");
    var top = explorer.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 2) { explorer.scrollIntoView({ block: "start" }); }
    var box = boxOf[id];
    if (!box) { return; }
    var f = frame.getBoundingClientRect();
    var b = box.getBoundingClientRect();
    frame.scrollLeft += (b.left + b.width / 2) - (f.left + f.width / 2);
    frame.scrollTop += (b.top + b.height / 2) - (f.top + f.height / 2);
  }

  /* zoom: fit the width of the page, or a fixed scale of the diagram's own size */
  var LEVELS = [0.25, 0.35, 0.5, 0.7, 1, 1.4];
  function zoom(how) {
    if (!svg) { return; }
    if (how === "fit") { svg.style.width = ""; svg.style.maxWidth = ""; return; }
    var natural = svg.viewBox.baseVal.width * 4 / 3;
    var scale = svg.getBoundingClientRect().width / natural;
    var next = how === "in"
      ? LEVELS.filter(function (l) { return l > scale * 1.01; })[0] || LEVELS[LEVELS.length - 1]
      : LEVELS.filter(function (l) { return l < scale * 0.99; }).pop() || LEVELS[0];
    svg.style.maxWidth = "none";
    svg.style.width = Math.round(natural * next) + "px";
  }
  document.querySelectorAll("[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () { zoom(button.getAttribute("data-zoom")); });
  });

  /* drag to move around the diagram; a drag is not a click */
  var drag = null;
  var dragged = false;
  frame.addEventListener("pointerdown", function (event) {
    if (event.button !== 0) { return; }
    drag = { x: event.clientX, y: event.clientY, left: frame.scrollLeft, top: frame.scrollTop };
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    var dx = event.clientX - drag.x;
    var dy = event.clientY - drag.y;
    if (!dragged && Math.abs(dx) + Math.abs(dy) < 5) { return; }
    dragged = true;
    frame.classList.add("panning");
    frame.scrollLeft = drag.left - dx;
    frame.scrollTop = drag.top - dy;
  });
  window.addEventListener("pointerup", function () {
    drag = null;
    frame.classList.remove("panning");
    setTimeout(function () { dragged = false; }, 0);
  });

  document.addEventListener("click", function (event) {
    if (dragged) { return; }
    var picker = event.target.closest("[data-component]");
    if (picker) {
      show(picker.getAttribute("data-component"));
      reveal(picker.getAttribute("data-component"));
      return;
    }
    var box = svg ? event.target.closest("g.node") : null;
    var members = box && svg.contains(box) ? data.elements[box.id] || [] : [];
    var parts = members.filter(function (id) { return data.components[id]; });
    if (parts.length) {
      event.preventDefault();
      show(parts[0]);
      if (parts.length > 1 && !(panel.multi && panel.multi.checked)) {
        /* a box of like parts: say which one is shown, and where the others are */
        panel.title.textContent += " (one of " + parts.length + " like parts; the close-up shows each)";
      }
    }
    if (members.length) { drill(box.id); }
  });

  /* drill-down: the focus diagram of a box, copied from its <template> (no request) */
  var focusView = document.getElementById("focus-view");
  function drill(elementId) {
    var source = null;
    document.querySelectorAll("template[data-focus]").forEach(function (node) {
      if (node.getAttribute("data-focus") === elementId) { source = node; }
    });
    if (!source || !focusView) { return; }
    var frameOfFocus = document.getElementById("focus-frame");
    frameOfFocus.textContent = "";
    frameOfFocus.appendChild(source.content.cloneNode(true));
    document.getElementById("focus-title").textContent = source.getAttribute("data-title");
    focusView.hidden = false;
  }
  var closeFocus = document.getElementById("focus-close");
  if (closeFocus) {
    closeFocus.addEventListener("click", function () { focusView.hidden = true; });
  }
  var select = document.getElementById("whatif-select");
  if (select) {
    select.addEventListener("change", function () {
      show(select.value);
      reveal(select.value);
    });
  }
  document.getElementById("whatif-clear").addEventListener("click", function () {
    picked = [];
    clear();
    if (select) { select.value = ""; }
  });
})();

/* A table wider than its box (a phone) scrolls inside it: say so above it, and only then. */
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".table-scroll"));
  var hints = boxes.map(function (box) {
    var hint = document.createElement("p");
    hint.className = "scroll-hint screen-only";
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = "Swipe the table sideways for more columns \u2192";
    hint.hidden = true;
    box.parentNode.insertBefore(hint, box);
    return hint;
  });
  function update() {
    boxes.forEach(function (box, i) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      hints[i].hidden = !wide;
    });
  }
  update();
  window.addEventListener("resize", update);
})();
