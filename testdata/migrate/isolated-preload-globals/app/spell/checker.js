exports.SpellChecker = class SpellChecker {
  constructor (lang) { this.lang = lang }
  attach (doc) { doc.addEventListener('input', () => this.check()) }
  check () { return true }
}
