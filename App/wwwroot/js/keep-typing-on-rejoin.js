// Nothing typed in an open form is lost when the connection drops. The browser keeps what the officer
// types while the page is rejoining, but the events that would tell the circuit cannot be sent then and are dropped, so a
// save after the rejoin would send the text the circuit heard before the drop (or refuse an "empty" field). This notes the
// fields edited while the connection is down and, once Blazor has rejoined, fires their input/change events again so the
// circuit gets what the screen shows. Started once for every page by the JS initializer (OpinionResponse.App.lib.module.js).
// Blazor's reconnect UI lives in #components-reconnect-modal: the default one is a host element (with a shadow root) shown
// with style.display = 'block'; a custom one (App.razor) gets the components-reconnect-* classes.
const modalId = 'components-reconnect-modal';
const downClasses = ['components-reconnect-show', 'components-reconnect-retrying', 'components-reconnect-failed',
    'components-reconnect-paused', 'components-reconnect-resume-failed'];

let started = false;
let down = false;
const edited = new Set();

function isDown() {
    const modal = document.getElementById(modalId);
    if (!modal) {
        return false;
    }

    return modal.shadowRoot
        ? modal.style.display !== 'none'
        : downClasses.some(c => modal.classList.contains(c));
}

function noteEdit(event) {
    const field = event.target;
    if (down && field instanceof HTMLElement && field.matches('input, textarea, select')) {
        edited.add(field);
    }
}

function check() {
    const nowDown = isDown();
    if (down && !nowDown) {
        // Rejoined: tell the circuit what the fields hold now, in the order they were edited.
        const fields = [...edited];
        edited.clear();
        for (const field of fields) {
            if (field.isConnected) {
                field.dispatchEvent(new Event('input', { bubbles: true }));
                field.dispatchEvent(new Event('change', { bubbles: true }));
            }
        }
    }

    down = nowDown;
}

let watched = null;
const modalObserver = new MutationObserver(check);

function watchModal() {
    const modal = document.getElementById(modalId);
    if (modal && modal !== watched) {
        modalObserver.disconnect();
        modalObserver.observe(modal, { attributes: true, attributeFilter: ['style', 'class'] });
        watched = modal;
    }

    check();
}

export function start() {
    if (started) {
        return;
    }

    started = true;
    document.addEventListener('input', noteEdit, true);
    document.addEventListener('change', noteEdit, true);
    // Blazor adds its reconnect UI to <body> on the first drop; a custom one may come and go with the layout.
    new MutationObserver(watchModal).observe(document.body, { childList: true });
    watchModal();
}
