// A form with data-confirm asks before it is sent: signing a summary protocol, withdrawing it, annulling a protocol
// and certifying the result are published at once and cannot be undone by the one who does them. The server checks
// everything again; this only guards against a slip of the hand.
document.addEventListener('submit', function (event) {
  var question = event.target.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
