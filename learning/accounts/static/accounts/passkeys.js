// When a passkey ceremony fails or is cancelled, allauth's webauthn.js sends
// an `allauth.error` event and otherwise only logs it: show the page's
// message (#passkey-error) instead, so the person knows to try again.
document.addEventListener('allauth.error', function (event) {
  const message = document.getElementById('passkey-error')
  if (!message) return
  event.preventDefault()
  message.hidden = false
  message.focus()
})
