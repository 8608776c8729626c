// The few things C# cannot do from WebAssembly: keep the session across reloads and hand a file to the browser.
window.callsync = {
    load: key => window.localStorage.getItem(key),
    save: (key, value) => value === null ? window.localStorage.removeItem(key) : window.localStorage.setItem(key, value),
    download: (name, type, bytes) => {
        const url = URL.createObjectURL(new Blob([bytes], { type }));
        const link = document.createElement('a');
        link.href = url;
        link.download = name;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
    },
    focus: selector => { const element = document.querySelector(selector); if (element) { element.focus(); } }
};
