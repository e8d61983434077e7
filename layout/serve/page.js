// The live proof: follows the server's build events and redraws without a reload.
"use strict";
const token = new URLSearchParams(location.search).get("token");
const withToken = (path, query = {}) => {
  const params = new URLSearchParams(query);
  if (token) params.set("token", token);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};
const $ = (id) => document.getElementById(id);
let status = null, current = 1, zoom = "fit", paragraphs = {};
const shownVersion = {};

function showBuild(next) {
  status = next;
  $("build").textContent = status.build;
  $("took").textContent = status.build ? `${status.seconds.toFixed(2)} s at ${status.finished}` : "building…";
  $("state").textContent = !status.build ? "" : status.ok ? "ok" : "build failed";
  $("state").className = status.ok ? "ok" : "failed";
  const errors = status.errors.map((e) => (status.pages.length > 1 ? `page ${e.page}: ` : "") + e.message);
  $("error").hidden = errors.length === 0;
  $("error").textContent = errors.length ? errors.join("\n") + "\n(the proof below is the last good one)" : "";
  showStrip();
  showPage();
}

function showStrip() {
  const strip = $("strip");
  strip.hidden = status.pages.length < 2;
  if (strip.hidden) return;
  status.pages.forEach((page) => {
    let thumb = strip.querySelector(`img[data-page="${page.page}"]`);
    if (!thumb) {
      thumb = document.createElement("img");
      thumb.dataset.page = page.page;
      thumb.title = page.source;
      thumb.addEventListener("click", () => { current = page.page; showPage(); });
      strip.appendChild(thumb);
    }
    if (page.version && thumb.dataset.version !== String(page.version)) {
      thumb.dataset.version = page.version;
      thumb.src = withToken(`/thumbnail/${page.page}.png`, { v: page.version });
    }
    thumb.className = page.page === current ? "current" : "";
  });
}

function showPage() {
  const page = status.pages[current - 1];
  if (!page) return;
  const proof = $("proof");
  if (page.version && shownVersion[current] !== page.version) {
    shownVersion[current] = page.version;
    proof.src = withToken(page.proof, { v: page.version });
  }
  proof.dataset.page = current;
  applyZoom();
  showGrid(page);
  showFit(page);
  const list = $("warnings");
  list.replaceChildren(...page.warnings.map((w) => item("", w)));
  if (!page.warnings.length) list.replaceChildren(item("", { message: "none" }));
}

function item(kind, problem) {
  const li = document.createElement("li");
  li.className = kind;
  if (problem.where) {
    const at = document.createElement("span");
    at.className = "at";
    at.textContent = problem.where + " ";
    li.appendChild(at);
  }
  li.appendChild(document.createTextNode(problem.message + (problem.hint ? ` (${problem.hint})` : "")));
  return li;
}

function showFit(page) {
  const fits = [...page.overset.map((p) => item("overset", p)), ...page.underset.map((p) => item("underset", p))];
  $("fit").replaceChildren(...(fits.length ? fits : [item("", { message: "fits: no overset, no underset" })]));
  const badges = [...page.overset.map((p) => ["overset", p]), ...page.underset.map((p) => ["underset", p])];
  $("badges").replaceChildren(...badges.map(([kind, p], i) => {
    const badge = document.createElement("div");
    badge.className = `badge ${kind}`;
    badge.style.right = "0.5em";
    badge.style.bottom = `${0.5 + 1.8 * i}em`;
    badge.textContent = p.message;
    return badge;
  }));
}

function showGrid(page) {
  const svg = $("overlay");
  svg.replaceChildren();
  const grid = page.grid;
  if (!$("grid").checked || !grid || !grid.columns) return;
  const ns = "http://www.w3.org/2000/svg";
  const bottom = grid.top + grid.rows * grid.pitch;
  for (const [x, width] of grid.columns) {
    const column = document.createElementNS(ns, "rect");
    Object.entries({ x, y: grid.top, width, height: bottom - grid.top }).forEach(([k, v]) => column.setAttribute(k, v));
    column.setAttribute("style", "fill: rgba(0, 120, 255, .06); stroke: rgba(0, 120, 255, .6); stroke-width: .0008");
    svg.appendChild(column);
  }
  for (let row = 1; row < grid.rows; row++) {
    const line = document.createElementNS(ns, "line");
    const y = grid.top + row * grid.pitch;
    Object.entries({ x1: grid.columns[0][0], x2: grid.columns.at(-1).reduce((a, b) => a + b), y1: y, y2: y })
      .forEach(([k, v]) => line.setAttribute(k, v));
    line.setAttribute("style", "stroke: rgba(255, 0, 120, .25); stroke-width: .0004");
    svg.appendChild(line);
  }
}

function applyZoom() {
  const proof = $("proof");
  if (!proof.naturalWidth) return;
  const width = zoom === "fit" ? $("view").clientWidth - 32 : proof.naturalWidth * Number(zoom);
  proof.style.width = `${Math.max(200, width)}px`;
}

async function whereIs(event) {
  const proof = $("proof");
  const page = status.pages[current - 1];
  const rect = proof.getBoundingClientRect();
  const x = (event.clientX - rect.left) / rect.width, y = (event.clientY - rect.top) / rect.height;
  let map = paragraphs[current];
  if (!map || map.version !== page.version) {
    map = await (await fetch(withToken(`/paragraphs/${current}.json`))).json();
    paragraphs[current] = map;
  }
  const hit = map.lines.find(({ box: [left, top, w, h] }) => x >= left && x <= left + w && y >= top - h * 0.3 && y <= top + h * 1.3);
  $("where").textContent = hit ? `${hit.where}  「${hit.text}…」` :
    map.version !== page.version ? "the line map is still being made: click again" : "no article line there";
}

document.querySelectorAll("[data-zoom]").forEach((b) => b.addEventListener("click", () => { zoom = b.dataset.zoom; applyZoom(); }));
$("grid").addEventListener("change", () => status && showPage());
$("proof").addEventListener("load", applyZoom);
$("proof").addEventListener("click", whereIs);
window.addEventListener("resize", applyZoom);
new EventSource(withToken("/events")).addEventListener("build", (event) => showBuild(JSON.parse(event.data)));
