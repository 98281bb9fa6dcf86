// The release form's gallery panel (gallery.panels.GalleryPanel). Wagtail's image chooser
// sends the photos ticked together back in upload order; here they are added in the order
// the editor ticked them, which the chooser itself does not keep.
(function () {
    if (window.GalleryPanel) {
        return;
    }

    // Photo ids in the order their boxes were ticked, across searches and result pages.
    let ticked = [];

    document.addEventListener("change", (event) => {
        const box = event.target;
        if (!box.matches || !box.matches("input[data-multiple-choice-select]")) {
            return;
        }
        ticked = ticked.filter((id) => id !== box.value);
        if (box.checked) {
            ticked.push(box.value);
        }
    });

    function inTickedOrder(items) {
        const position = (item) => {
            const index = ticked.indexOf(String(item.id));
            return index === -1 ? ticked.length : index;
        };
        // Array.prototype.sort is stable: photos not seen ticked keep the chooser's order.
        return [...items].sort((a, b) => position(a) - position(b));
    }

    class GalleryPanel extends window.MultipleChooserPanel {
        constructor(opts) {
            super(opts);
            const factory = this.chooserWidgetFactory;
            const openModal = factory.openModal.bind(factory);
            factory.openModal = (callback, options) => {
                ticked = [];
                openModal((items) => callback(Array.isArray(items) ? inTickedOrder(items) : items), options);
            };
        }
    }

    window.GalleryPanel = GalleryPanel;
})();
