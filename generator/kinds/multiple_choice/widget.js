/* multiple_choice: select all that apply (checkboxes); right when exactly the right options are chosen. */
MI.kinds[kind] = MI.choice(true);
