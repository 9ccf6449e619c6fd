// The main navigation on small screens: a »Menü« button opens and closes the list (a disclosure
// with aria-expanded). Without JavaScript the button stays hidden and the list stays open.
document.addEventListener("DOMContentLoaded", () => {
  const nav = document.querySelector(".site-nav");
  const button = nav && nav.querySelector(".site-nav__toggle");
  if (!button) return;
  const setOpen = (open) => button.setAttribute("aria-expanded", open ? "true" : "false");
  button.hidden = false;
  nav.classList.add("site-nav--collapsible");
  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  // Escape closes the open menu and returns to its button.
  nav.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
});
