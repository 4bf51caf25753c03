/* multiple_choice: select all that apply (checkboxes); right when exactly the right options are chosen. */
window.MI.kinds.multiple_choice = window.MI.choice(true);
