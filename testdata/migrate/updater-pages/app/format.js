function formatEntry (entry) {
  return entry.name + ': ' + entry.count
}
