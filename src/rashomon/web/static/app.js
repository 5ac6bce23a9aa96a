// Highlight layers on the article page: toggling a checkbox shows or hides one kind of span.
document.addEventListener("DOMContentLoaded", () => {
  const body = document.getElementById("body");
  if (!body) return;
  document.querySelectorAll("#layers input[data-layer]").forEach((box) => {
    box.addEventListener("change", () => body.classList.toggle("layers-" + box.dataset.layer, box.checked));
  });
});
