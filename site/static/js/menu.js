// The header's menu is a <details> element: on a phone its button opens it, and on a wider
// screen the stylesheet shows its content whether it is open or not (::details-content).
// Browsers that do not know ::details-content get the menu opened here on wide screens.
(() => {
    const menu = document.querySelector("[data-site-menu]");
    if (!menu || CSS.supports("selector(::details-content)")) return;
    const wide = window.matchMedia("(min-width: 56em)");
    const follow = () => {
        menu.open = wide.matches;
    };
    follow();
    wide.addEventListener("change", follow);
})();
