// Keeps the checks under wagtail-localize's translation editor (segments to review, glossary
// terms) in step with the segments the translator saves, instead of waiting for a reload.
// The editor is a React app we do not patch: it saves each segment with fetch(), so the
// saves are recognised by their address and the panel is reloaded once the server answers.
(function () {
    'use strict';

    var panel = document.getElementById('translation-checks');
    var urlsNode = document.getElementById('translation-segment-urls');
    if (!panel || !urlsNode || !window.fetch) {
        return;
    }

    function pathOf(url) {
        return new URL(url, window.location.href).pathname;
    }

    var segmentPaths = new Set(JSON.parse(urlsNode.textContent).map(pathOf));
    var originalFetch = window.fetch;
    var timer = null;

    function refresh() {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
            originalFetch(panel.dataset.refreshUrl, { credentials: 'same-origin' })
                .then(function (response) {
                    return response.ok ? response.text() : Promise.reject(response);
                })
                .then(function (html) {
                    panel.innerHTML = html;
                    panel.dataset.refreshed = String(Number(panel.dataset.refreshed || 0) + 1);
                })
                .catch(function () {
                    // The panel keeps its last state; a reload shows the current one.
                });
        }, 200);
    }

    window.fetch = function (input, init) {
        var result = originalFetch.apply(this, arguments);
        var method = ((init && init.method) || (input && input.method) || 'GET').toUpperCase();
        var url = typeof input === 'string' ? input : input && input.url;
        if ((method === 'PUT' || method === 'DELETE') && url && segmentPaths.has(pathOf(url))) {
            result.then(
                function (response) {
                    if (response.ok || response.status === 404) {
                        refresh();
                    }
                },
                function () {},
            );
        }
        return result;
    };
})();

// The app writes its heading ("Русский to English translation") in English whatever the
// user's language; the server gives the heading in the user's language, put in once drawn.
(function () {
    'use strict';

    var node = document.getElementById('translation-heading');
    if (!node || !window.MutationObserver) {
        return;
    }
    var heading = JSON.parse(node.textContent);

    function translate() {
        document.querySelectorAll('section h3').forEach(function (h3) {
            if (h3.textContent === heading.app) {
                h3.textContent = heading.local;
            }
        });
    }

    translate();
    new MutationObserver(translate).observe(document.body, { childList: true, subtree: true });
})();
