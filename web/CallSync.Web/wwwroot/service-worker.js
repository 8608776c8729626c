// In development the app is always fetched from the network; the published worker (service-worker.published.js) caches the shell.
self.addEventListener('fetch', () => { });
