// The pages' only script (the Content-Security-Policy forbids inline script): highlight layers on
// the article page, the sentence an evidence link points at, and the story page's filters.
"use strict";

// Article page: toggling a checkbox shows or hides one kind of highlighted span.
function layers() {
  const body = document.getElementById("body");
  if (!body) return;
  document.querySelectorAll("#layers input[data-layer]").forEach((box) => {
    box.addEventListener("change", () => body.classList.toggle("layers-" + box.dataset.layer, box.checked));
  });
}

// Article page opened at #s-<offset>: the sentence is marked (CSS :target does it too) and centred.
function showTarget() {
  document.querySelectorAll(".sent.target").forEach((el) => el.classList.remove("target"));
  const id = decodeURIComponent(location.hash.slice(1));
  let el = id && document.getElementById(id);
  const offset = /^s-(\d+)$/.exec(id || "");
  if (!el && offset) {
    // #s-<any character offset>: the sentence holding it, the last one starting at or before it
    for (const sent of document.querySelectorAll(".sent[id^='s-']")) {
      if (Number(sent.id.slice(2)) <= Number(offset[1])) el = sent;
    }
  }
  if (!el) return;
  el.closest("details")?.setAttribute("open", "");
  if (el.classList.contains("sent")) {
    el.classList.add("target");
    el.scrollIntoView({ block: "center" });
  }
}

// Story page: filter every item carrying data-outlet / data-speaker; the choice is kept in the URL.
function filters() {
  const form = document.getElementById("filters");
  if (!form) return;
  const outlet = document.getElementById("filter-outlet");
  const speaker = document.getElementById("filter-speaker");
  const status = document.getElementById("filter-status");
  const params = new URLSearchParams(location.search);
  const pick = (select, value) => {
    if ([...select.options].some((o) => o.value === value)) select.value = value;
  };
  pick(outlet, params.get("outlet") || "");
  pick(speaker, params.get("speaker") || "");
  form.hidden = false;

  const apply = () => {
    const o = outlet.value, s = speaker.value;
    let shown = 0;
    document.querySelectorAll("main [data-outlet], main [data-speaker]").forEach((el) => {
      const hide = (o && el.dataset.outlet !== undefined && el.dataset.outlet !== o) ||
                   (s && el.dataset.speaker !== undefined && el.dataset.speaker !== s);
      el.hidden = Boolean(hide);
      if (!hide && el.tagName === "LI" && el.closest("#who, #contested")) shown += 1;
    });
    // A question none of whose statements is left is hidden too.
    document.querySelectorAll(".question").forEach((q) => {
      q.hidden = Boolean(o || s) && !q.querySelector(".evidence li:not([hidden])");
    });
    // Folded lists open while filtering (a match may be inside) and fold again when it is cleared.
    document.querySelectorAll("details.more").forEach((d) => {
      if ((o || s) && !d.open) {
        d.open = true;
        d.dataset.opened = "filter";
      } else if (!(o || s) && d.dataset.opened) {
        d.open = false;
        delete d.dataset.opened;
      }
      d.hidden = Boolean(o || s) && !d.querySelector("li:not([hidden])");
    });
    const url = new URL(location.href);
    for (const [key, value] of [["outlet", o], ["speaker", s]]) {
      if (value) url.searchParams.set(key, value); else url.searchParams.delete(key);
    }
    history.replaceState(null, "", url);
    status.textContent = o || s ? `${shown} statements shown` : "";
  };
  outlet.addEventListener("change", apply);
  speaker.addEventListener("change", apply);
  document.getElementById("filter-clear").addEventListener("click", () => {
    outlet.value = "";
    speaker.value = "";
    apply();
  });
  if (outlet.value || speaker.value) apply();
}

document.addEventListener("DOMContentLoaded", () => {
  layers();
  filters();
  showTarget();
  window.addEventListener("hashchange", showTarget);
});
