// The playground's network drawing and what a click on it does: a frame built once per network (edges, boxes, the +/−
// buttons) and recoloured by every picture; hovering a unit shows its picture large; a click on an edge reads and sets its
// weight; the buttons add and remove layers and units. `ctx` is the page's state and actions (playground.js).
window.PlaygroundNetwork = function (ctx) {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const D = window.PlaygroundDraw;
  const maxLayers = 6, maxUnits = 8;
  let built = null;

  function unitName(l, j) {
    if (l === 0) return ctx.names[ctx.points().features[j]] || ctx.points().features[j];
    return l === ctx.points().layers.length - 1 ? "the output" : `hidden layer ${l}, unit ${j + 1}`;
  }

  // The drawing's frame, once per network: edges, boxes, the +/− buttons; each picture then only recolours it.
  function buildNetwork() {
    const svg = $("network"), layers = ctx.points().layers, width = svg.clientWidth || 700, height = 430, box = 40;
    const gap = (width - 2 * box - 90) / (layers.length - 1);
    const at = (l, j) => [box / 2 + 70 + l * gap, height / 2 + (j - (layers[l] - 1) / 2) * 54];
    let html = "";
    for (let l = 0; l + 1 < layers.length; l++)
      for (let j = 0; j < layers[l + 1]; j++)
        for (let i = 0; i < layers[l]; i++) {
          const [x1, y1] = at(l, i), [x2, y2] = at(l + 1, j);
          const d = `M${x1 + box / 2},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2 - box / 2},${y2}`;
          html += `<path class="hit" d="${d}" data-l="${l}" data-i="${i}" data-j="${j}"><title></title></path>`
            + `<path class="edge" d="${d}" id="edge-${l}-${i}-${j}"/>`;
        }
    ctx.points().features.forEach((f, j) => {
      const [x, y] = at(0, j);
      html += `<text class="feature" x="${x - box / 2 - 6}" y="${y + 4}" text-anchor="end" font-size="13">${ctx.names[f] || f}</text>`
        + `<rect x="${x - box / 2}" y="${y - box / 2}" width="${box}" height="${box}" fill="#f1f3f4" stroke="#9aa0a6"/>`;
    });
    for (let l = 1; l < layers.length; l++)
      for (let j = 0; j < layers[l]; j++) {
        const [x, y] = at(l, j);
        html += `<foreignObject x="${x - box / 2}" y="${y - box / 2}" width="${box}" height="${box}"><canvas xmlns="http://www.w3.org/1999/xhtml" `
          + `class="thumbnail" data-layer="${l}" data-unit="${j}" width="40" height="40" `
          + `style="width:${box}px;height:${box}px;border:1px solid #5f6368;box-sizing:border-box"></canvas></foreignObject>`;
      }
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.innerHTML = html;
    svg.querySelectorAll("canvas.thumbnail").forEach((c) => {
      c.addEventListener("mouseenter", () => ctx.hover({ layer: Number(c.dataset.layer), unit: Number(c.dataset.unit) }));
      c.addEventListener("mouseleave", () => ctx.hover(null));
    });
    let buttons = "";
    for (let l = 1; l + 1 < layers.length; l++)
      buttons += `<div class="layer-control" style="left:${at(l, 0)[0]}px"><button type="button" data-add="${l}" title="one more unit">+</button>`
        + `<button type="button" data-remove="${l}" title="one unit fewer">−</button><div>${layers[l]} unit${layers[l] === 1 ? "" : "s"}</div></div>`;
    $("unit-buttons").innerHTML = buttons;
    const hiddenLayers = layers.length - 2;
    $("layer-count").textContent = `${hiddenLayers} hidden layer${hiddenLayers === 1 ? "" : "s"}`;
    built = ctx.session();
    svg.dataset.layers = layers.join(",");
  }

  function drawNetwork() {
    if (built !== ctx.session()) buildNetwork();
    const largest = Math.max(...ctx.last().weights.map((w) => Math.abs(w[3])), 1e-9);
    for (const [l, i, j, w] of ctx.last().weights) {
      const edge = document.getElementById(`edge-${l}-${i}-${j}`);
      edge.setAttribute("stroke", w >= 0 ? "#0877bd" : "#f59322");
      edge.setAttribute("stroke-width", (0.5 + 5 * Math.abs(w) / largest).toFixed(2));
      edge.dataset.weight = w;
      edge.previousSibling.firstChild.textContent = `weight from ${unitName(l, i)} to ${unitName(l + 1, j)}: ${w}`;
    }
    const outputLayer = ctx.points().layers.length - 1;
    $("network").querySelectorAll("canvas.thumbnail").forEach((c) => {
      const u = ctx.last().units.find((v) => v.layer === Number(c.dataset.layer) && v.unit === Number(c.dataset.unit));
      const share = u.layer < outputLayer ? ctx.hidden : ctx.output;
      D.paintGrid(c, u.values, ctx.last().thumbnailSize, (v) => ctx.discrete(share(v)), false, $("discretize").checked);
      c.dataset.drawn = "yes";
    });
  }


  // The edge editor: read a weight, type a new one, set it (the run goes on from the edited network).
  let editing = null;
  $("network").addEventListener("click", (ev) => {
    const hit = ev.target.closest && ev.target.closest("path.hit");
    if (!hit || !ctx.last()) return;
    const [l, i, j] = ["l", "i", "j"].map((k) => Number(hit.dataset[k]));
    const w = ctx.last().weights.find((v) => v[0] === l && v[1] === i && v[2] === j)[3];
    editing = { layer: l, from: i, to: j };
    document.querySelectorAll("#network .edge.chosen").forEach((e) => e.classList.remove("chosen"));
    document.getElementById(`edge-${l}-${i}-${j}`).classList.add("chosen");
    $("edge-name").textContent = `weight from ${unitName(l, i)} to ${unitName(l + 1, j)}`;
    $("edge-value").value = String(w);
    const box = $("network-box").getBoundingClientRect(), editor = $("edge-editor");
    editor.style.left = `${Math.min(ev.clientX - box.left + 8, box.width - 240)}px`;
    editor.style.top = `${ev.clientY - box.top + 8}px`;
    editor.hidden = false;
  });
  $("edge-close").addEventListener("click", () => { $("edge-editor").hidden = true; });
  $("edge-set").addEventListener("click", async () => {
    const text = $("edge-value").value.trim(), value = Number(text);
    if (text === "" || !Number.isFinite(value)) { ctx.message("a weight must be a number, such as 0.5 or −1.2"); return; }
    const r = await ctx.post(`${ctx.api}/${ctx.session()}/weight${ctx.q}`, { ...editing, value: value });
    if (!r.ok) { ctx.message(await ctx.problem(r)); return; }
    ctx.message(""); $("edge-editor").hidden = true;
  });

  // The network's shape: a layer more or fewer, a unit more or fewer in one layer (a new network, trained from the start).
  function reshape(change) {
    const layers = ctx.parseLayers();
    if (layers.error) { ctx.message(layers.error); return; }
    const next = change(layers.layers.slice());
    if (!next) return;
    $("layers").value = next.join(",");
    ctx.start();
  }
  $("add-layer").addEventListener("click", () => reshape((ls) => {
    if (ls.length >= maxLayers) { ctx.message(`the playground trains at most ${maxLayers} hidden layers`); return null; }
    return [...ls, 2];
  }));
  $("remove-layer").addEventListener("click", () => reshape((ls) => ls.length ? ls.slice(0, -1) : null));
  $("unit-buttons").addEventListener("click", (ev) => {
    const b = ev.target.closest("button");
    if (!b) return;
    const add = b.dataset.add !== undefined, l = Number(add ? b.dataset.add : b.dataset.remove) - 1;
    reshape((ls) => {
      const units = ls[l] + (add ? 1 : -1);
      if (units > maxUnits) { ctx.message(`a hidden layer has at most ${maxUnits} units here`); return null; }
      if (units < 1) { ctx.message("a hidden layer has at least one unit: take the layer away with − layer"); return null; }
      ls[l] = units;
      return ls;
    });
  });

  return { draw: drawNetwork, unitName };
};
