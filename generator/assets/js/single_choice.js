/* single_choice: one right option (radios; arrow keys move between options, Check commits). */
window.MI.kinds.single_choice = window.MI.choice(false);
