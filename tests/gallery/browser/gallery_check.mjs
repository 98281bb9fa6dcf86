// Drives headless Chromium over the DevTools protocol through a release gallery and
// prints what a reader gets after each action, as JSON lines, for test_browser.py.
import { spawn } from "node:child_process";

const [url, port] = process.argv.slice(2);
const chrome = spawn(
    process.env.CHROMIUM || "chromium",
    ["--headless", "--no-sandbox", "--disable-gpu", `--remote-debugging-port=${port}`,
        "--user-data-dir=" + process.env.PROFILE_DIR, "about:blank"],
    { stdio: "ignore" },
);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function connect() {
    for (let attempt = 0; attempt < 100; attempt++) {
        try {
            const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
            const page = targets.find((target) => target.type === "page");
            if (page) return new WebSocket(page.webSocketDebuggerUrl);
        } catch {
            // not listening yet
        }
        await pause(100);
    }
    throw new Error("Chromium did not start");
}

let socket;
try {
    socket = await connect();
    await new Promise((resolve) => socket.addEventListener("open", resolve));
    let lastId = 0;
    const pending = new Map();
    socket.addEventListener("message", (message) => {
        const data = JSON.parse(message.data);
        if (pending.has(data.id)) {
            pending.get(data.id)(data);
            pending.delete(data.id);
        }
    });
    const send = (method, params = {}) =>
        new Promise((resolve) => {
            lastId += 1;
            pending.set(lastId, resolve);
            socket.send(JSON.stringify({ id: lastId, method, params }));
        });
    const evaluate = async (expression) =>
        (await send("Runtime.evaluate", { expression, returnByValue: true })).result.result.value;
    // Waits for a condition instead of a fixed time; gives up after five seconds.
    const until = async (expression) => {
        for (let attempt = 0; attempt < 100; attempt++) {
            if (await evaluate(expression)) return true;
            await pause(50);
        }
        return false;
    };
    const press = async (key, keyCode) => {
        for (const type of ["keyDown", "keyUp"]) {
            await send("Input.dispatchKeyEvent", { type, key, code: key, windowsVirtualKeyCode: keyCode });
        }
    };
    const state = () => evaluate(`({
        status: document.querySelector("[data-gallery-status]").textContent.trim(),
        visible: [...document.querySelectorAll("[data-gallery-slide]")].filter((s) => !s.hidden).map((s) => s.id),
        lightbox: document.querySelector(".pswp__counter")?.textContent ?? null,
        focus: document.activeElement.closest("li")?.id ?? null,
    })`);
    const report = async (step) => console.log(JSON.stringify({ step, ...(await state()) }));

    await send("Page.enable");
    await send("Page.navigate", { url });
    await until(`document.querySelector(".gallery--slider")`);
    await report("loaded");
    await evaluate(`document.querySelector("[data-gallery-next]").click()`);
    await report("next button");
    await evaluate(`document.querySelector("[data-gallery-next]").focus()`);
    await press("ArrowRight", 39);
    await report("ArrowRight");
    for (let i = 0; i < 3; i++) await press("ArrowLeft", 37);
    await report("ArrowLeft x3");
    await evaluate(`document.querySelectorAll("[data-gallery-thumb]")[3].click()`);
    await report("thumbnail 4");
    await evaluate(`document.querySelector("[data-gallery-slide]:not([hidden]) a.gallery__open").focus()`);
    await press("Enter", 13);
    // PhotoSwipe takes keys once its opening animation is over and it has the focus.
    await until(`document.querySelector(".pswp--open.pswp--ui-visible") && document.activeElement.closest(".pswp")`);
    await report("Enter on photo");
    const before = JSON.stringify(await evaluate(`document.querySelector(".pswp__counter").textContent`));
    await press("ArrowRight", 39);
    await until(`document.querySelector(".pswp__counter")?.textContent !== ${before}`);
    await report("ArrowRight in full screen");
    await press("Escape", 27);
    await until(`!document.querySelector(".pswp")`);
    await until(`document.activeElement.closest("li")?.id === "photo-5"`);
    await report("Escape");
} finally {
    socket?.close();
    chrome.kill();
}
