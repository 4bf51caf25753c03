/* best_response: the client's words in a speech bubble, candidate replies; each reply's MI code shows after Check.
 * The best reply and the acceptable ones both count as right, and the message says which was chosen. */
MI.kinds[kind] = MI.choice(false, function (ok, got) {
  var s = MI.s;
  return !ok ? s.not_best_msg : got == "acceptable" ? s.acceptable_msg : s.best_msg;
});
