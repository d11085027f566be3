// Registers the service worker (sw.js) that lets the app start with the network cut. It is a file,
// not an inline script, because the Content-Security-Policy allows no inline scripts.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js').catch((error) => {
    // The app works without it, only not offline (a browser may refuse service workers).
    console.warn('Offline use is not available:', error);
  });
}
