// "Copy link" beside the share links: shown only where the clipboard can be written.
(() => {
    document.querySelectorAll("[data-copy-link]").forEach((button) => {
        if (!navigator.clipboard) return;
        button.closest("li").hidden = false;
        const label = button.textContent;
        button.addEventListener("click", async () => {
            try {
                await navigator.clipboard.writeText(button.dataset.copyLink);
                button.textContent = button.dataset.copied;
                window.setTimeout(() => {
                    button.textContent = label;
                }, 2000);
            } catch {
                // Refused by the browser: the address bar still has the link.
            }
        });
    });
})();
