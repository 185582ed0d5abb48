// Blazor JS initializer (loaded by blazor.web.js because of its name): row actions (App/Common/Ui/RowActions.cs) and the
// rejoin typing keeper (js/keep-typing-on-rejoin.js), for every page.
import { start as keepTypingOnRejoin } from './js/keep-typing-on-rejoin.js';

const controls = '[data-row-action], [data-row-link]';

export function afterWebStarted(blazor) {
    keepTypingOnRejoin();
    blazor.registerCustomEventType('rowaction', {
        browserEventName: 'click',
        createEventArgs: event => {
            const target = event.target instanceof Element ? event.target : null;
            const row = target?.closest('[data-row-key]');
            const control = target?.closest(controls);
            return {
                key: row?.getAttribute('data-row-key') ?? null,
                action: control ? (control.getAttribute('data-row-action') ?? 'link') : null,
            };
        },
    });

    // Keys typed on a row's button or link belong to it (Enter presses it), not to the list's shortcuts: stop them in the
    // capture phase, before Blazor's listener on the document sees them. The control's own default action still happens.
    document.addEventListener('keydown', event => {
        if (event.target instanceof Element && event.target.closest(controls)) {
            event.stopPropagation();
        }
    }, true);
}
