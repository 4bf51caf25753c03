/* single_choice: one right option (radios; arrow keys move between options, Check commits). */
MI.kinds[kind] = MI.choice(false);
