// The user's own input keeps their session alive (SECURITY.md A5): a live circuit alone does not. At most one
// heartbeat every 30 seconds while the user types, clicks, scrolls or touches; the server writes it at most once a
// minute. A page left open without input therefore ends its session after the idle timeout.
(() => {
    const every = 30000;
    let last = 0;
    const beat = () => {
        const now = Date.now();
        if (now - last < every) {
            return;
        }
        last = now;
        fetch('/account/activity', { method: 'POST', credentials: 'same-origin', keepalive: true }).catch(() => { });
    };
    for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart']) {
        window.addEventListener(type, beat, { capture: true, passive: true });
    }
})();
