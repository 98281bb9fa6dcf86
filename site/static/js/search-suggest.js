// Search-as-you-type: fills the search box's datalist with matching release titles.
(function () {
    "use strict";
    document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
        var list = document.getElementById(input.getAttribute("list"));
        var timer = null;
        var last = "";
        if (!list || !window.fetch) {
            return;
        }
        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(function () {
                var text = input.value.trim();
                if (text.length < 2 || text === last) {
                    return;
                }
                last = text;
                var url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(text);
                fetch(url, {headers: {Accept: "application/json"}})
                    .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
                    .then(function (data) {
                        list.replaceChildren();
                        (data.suggestions || []).forEach(function (title) {
                            var option = document.createElement("option");
                            option.value = title;
                            list.appendChild(option);
                        });
                    })
                    .catch(function () { list.replaceChildren(); });
            }, 200);
        });
    });
})();
