// Analyst notes and pins (web/notes.py): show the note controls, move the one note form beside what is
// annotated, and write through the JSON API with the write token, asked once and kept in sessionStorage
// (for this tab only). A separate file from app.js so the Content-Security-Policy's script-src 'self' holds.
"use strict";

const TOKEN_KEY = "rashomon-write-token";
const AUTHOR_KEY = "rashomon-note-author";

function storedToken() {
  try { return sessionStorage.getItem(TOKEN_KEY) || ""; } catch (e) { return ""; }
}

function keep(key, value) {
  try { sessionStorage.setItem(key, value); } catch (e) { /* storage off: asked again next time */ }
}

// The token field of a form is shown only while no token is kept.
function tokenFields(form) {
  form.querySelectorAll(".token-field").forEach((el) => { el.hidden = Boolean(storedToken()); });
}

// A write: the kept token (else the form's field); the token is kept once the server accepts it.
async function send(method, url, body, form) {
  const field = form.querySelector("input[name=token]");
  const token = storedToken() || (field ? field.value.trim() : "");
  if (!token) throw new Error("the write token is needed");
  const response = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token },
    body: body === null ? undefined : JSON.stringify(body),
  });
  let detail = "";
  try {
    const data = await response.json();
    detail = typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail || "");
  } catch (e) { /* no JSON body */ }
  if (response.status === 401 || response.status === 403) {
    try { sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* nothing kept */ }
    tokenFields(form);
  }
  if (!response.ok) throw new Error(detail || ("the server answered " + response.status));
  keep(TOKEN_KEY, token);
}

function noteForm() {
  const form = document.getElementById("note-form");
  if (!form) return;
  const writable = form.dataset.writable === "yes";
  document.querySelectorAll(".notes-closed").forEach((el) => { el.hidden = writable; });
  if (!writable) return;
  const status = document.getElementById("note-status");
  const author = document.getElementById("note-author");
  try { author.value = sessionStorage.getItem(AUTHOR_KEY) || ""; } catch (e) { /* none kept */ }

  document.querySelectorAll(".note-add").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      for (const name of ["kind", "story", "question", "article", "start", "end"]) {
        form.elements[name].value = button.dataset[name] || "";
      }
      button.after(form);  // the form opens beside what the note is about
      form.hidden = false;
      tokenFields(form);
      status.textContent = "";
      document.getElementById("note-text").focus();
    });
  });
  document.querySelectorAll(".note-delete").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await send("DELETE", "/api/notes/" + encodeURIComponent(button.dataset.note), null, form);
        location.reload();
      } catch (err) {
        button.after(form);
        form.hidden = false;
        tokenFields(form);
        status.textContent = "Not deleted: " + err.message;
      }
    });
  });
  document.getElementById("note-cancel").addEventListener("click", () => { form.hidden = true; });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = { kind: form.elements.kind.value, text: form.elements.text.value, author: author.value.trim() };
    for (const name of ["story", "question", "article"]) {
      if (form.elements[name].value) body[name] = form.elements[name].value;
    }
    for (const name of ["start", "end"]) {
      if (form.elements[name].value !== "") body[name] = Number(form.elements[name].value);
    }
    status.textContent = "Saving…";
    try {
      await send("POST", "/api/notes", body, form);
      keep(AUTHOR_KEY, body.author);
      location.reload();
    } catch (err) {
      status.textContent = "Not saved: " + err.message;
    }
  });
}

function pinForm() {
  const form = document.getElementById("pin-form");
  if (!form || form.dataset.writable !== "yes") return;
  const status = document.getElementById("pin-status");
  form.hidden = false;
  tokenFields(form);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const story = form.dataset.story;
    let author = "";
    try { author = sessionStorage.getItem(AUTHOR_KEY) || ""; } catch (e) { /* none kept */ }
    const noteAuthor = document.getElementById("note-author");
    author = author || (noteAuthor && noteAuthor.value.trim()) || "analyst";
    try {
      if (form.dataset.pinned === "yes") {
        await send("DELETE", "/api/pins/" + encodeURIComponent(story), null, form);
      } else {
        await send("POST", "/api/pins", { story, author }, form);
      }
      location.reload();
    } catch (err) {
      status.textContent = "Not changed: " + err.message;
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  noteForm();
  pinForm();
});
