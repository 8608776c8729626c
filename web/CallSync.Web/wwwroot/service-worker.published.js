// Caches the app shell (the files the publish step lists in service-worker-assets.js) so the app starts offline
// and installs as a PWA. The API is never cached or intercepted: records, live events and recordings always come
// from the hub (an audio element's Range requests go straight to it).
self.importScripts('./service-worker-assets.js');
self.addEventListener('install', event => event.waitUntil(onInstall()));
self.addEventListener('activate', event => event.waitUntil(onActivate()));
self.addEventListener('fetch', event => {
    const url = new URL(event.request.url);
    if (event.request.method !== 'GET' || url.origin !== self.location.origin
        || url.pathname.startsWith('/api/') || url.pathname.startsWith('/openapi/') || url.pathname === '/healthz') {
        return; // the browser handles it
    }
    event.respondWith(onFetch(event));
});

const cacheNamePrefix = 'callsync-shell-';
const cacheName = `${cacheNamePrefix}${self.assetsManifest.version}`;
const shellInclude = [/\.dll$/, /\.pdb$/, /\.wasm/, /\.html/, /\.js$/, /\.json$/, /\.css$/, /\.png$/, /\.blat$/, /\.dat$/, /\.webmanifest$/];
const shellExclude = [/^service-worker\.js$/];

async function onInstall() {
    const requests = self.assetsManifest.assets
        .filter(asset => shellInclude.some(pattern => pattern.test(asset.url)))
        .filter(asset => !shellExclude.some(pattern => pattern.test(asset.url)))
        .map(asset => new Request(asset.url, { integrity: asset.hash, cache: 'no-cache' }));
    const cache = await caches.open(cacheName);
    await cache.addAll(requests);
}

async function onActivate() {
    const keys = await caches.keys();
    await Promise.all(keys.filter(key => key.startsWith(cacheNamePrefix) && key !== cacheName).map(key => caches.delete(key)));
}

async function onFetch(event) {
    const cache = await caches.open(cacheName);
    // Navigations (any app route) get the cached index.html: the app routes itself.
    const request = event.request.mode === 'navigate' ? 'index.html' : event.request;
    return (await cache.match(request)) || fetch(event.request);
}
