// Release galleries: a slider with a counter, thumbnails, keyboard and swipe control, and a
// full-screen view by PhotoSwipe. The page works without this script: every photo is
// listed and links to its full-size version. PhotoSwipe only provides the full-screen
// view, so the small in-page slider around it is our own.
import PhotoSwipeLightbox from "./vendor/photoswipe/photoswipe-lightbox.esm.min.js";

const SWIPE_DISTANCE = 40;

function setUpGallery(root) {
    const slides = Array.from(root.querySelectorAll("[data-gallery-slide]"));
    const thumbs = Array.from(root.querySelectorAll("[data-gallery-thumb]"));
    const controls = root.querySelector("[data-gallery-controls]");
    const status = root.querySelector("[data-gallery-status]");
    const pattern = root.dataset.counter;
    const total = slides.length;
    let current = 0;

    const counterText = (index) =>
        pattern.replace("{n}", String(index + 1)).replace("{m}", String(total));

    function show(index) {
        current = (index + total) % total;
        slides.forEach((slide, i) => {
            slide.hidden = i !== current;
        });
        thumbs.forEach((thumb, i) => {
            if (i === current) {
                thumb.setAttribute("aria-current", "true");
            } else {
                thumb.removeAttribute("aria-current");
            }
        });
        if (status) {
            status.textContent = counterText(current);
        }
    }

    if (total > 1) {
        root.classList.add("gallery--slider");
        controls.hidden = false;
        const fromHash = slides.findIndex((slide) => `#${slide.id}` === window.location.hash);
        show(fromHash >= 0 ? fromHash : 0);

        root.querySelector("[data-gallery-previous]").addEventListener("click", () => show(current - 1));
        root.querySelector("[data-gallery-next]").addEventListener("click", () => show(current + 1));
        thumbs.forEach((thumb, i) => {
            thumb.addEventListener("click", (event) => {
                event.preventDefault();
                show(i);
            });
        });
        root.addEventListener("keydown", (event) => {
            const keys = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: total - 1 };
            if (event.key in keys && !event.altKey && !event.ctrlKey && !event.metaKey) {
                event.preventDefault();
                show(keys[event.key]);
            }
        });

        // Swipe on touch screens; a mouse drag is left to the browser (text selection).
        let startX = null;
        const list = root.querySelector(".gallery__list");
        list.addEventListener("pointerdown", (event) => {
            startX = event.pointerType === "mouse" ? null : event.clientX;
        });
        list.addEventListener("pointerup", (event) => {
            if (startX === null) return;
            const distance = event.clientX - startX;
            startX = null;
            if (Math.abs(distance) >= SWIPE_DISTANCE) {
                show(distance < 0 ? current + 1 : current - 1);
            }
        });
    }

    const lightbox = new PhotoSwipeLightbox({
        gallery: root,
        children: "a.gallery__open",
        pswpModule: () => import("./vendor/photoswipe/photoswipe.esm.min.js"),
        // Our own counter below speaks the reader's language.
        counter: false,
        closeTitle: root.dataset.labelClose,
        zoomTitle: root.dataset.labelZoom,
        arrowPrevTitle: root.dataset.labelPrevious,
        arrowNextTitle: root.dataset.labelNext,
        errorMsg: root.dataset.labelError,
        // PhotoSwipe would return focus to the photo it opened from, which the slider
        // may have hidden meanwhile; the photo the reader stopped at gets it instead.
        returnFocus: false,
    });
    lightbox.on("uiRegister", () => {
        lightbox.pswp.ui.registerElement({
            name: "news-counter",
            order: 5,
            isButton: false,
            appendTo: "bar",
            onInit: (element, pswp) => {
                element.classList.add("pswp__counter");
                element.setAttribute("aria-live", "polite");
                pswp.on("change", () => {
                    element.textContent = counterText(pswp.currIndex);
                });
            },
        });
    });
    // Leaving the full-screen view shows the photo the reader stopped at.
    lightbox.on("change", () => {
        if (total > 1) show(lightbox.pswp.currIndex);
    });
    lightbox.on("destroy", () => {
        const slide = total > 1 ? slides[current] : slides[0];
        slide.querySelector("a.gallery__open").focus();
    });
    lightbox.init();
}

document.querySelectorAll("[data-gallery]").forEach(setUpGallery);
