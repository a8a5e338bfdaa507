const title = document.getElementById('title')
title.textContent = 'Inbox (' + mail.unreadCount() + ') - v' + appInfo.version

mail.fetch('inbox').then((messages) => {
  for (const m of messages) console.log('message', m.subject)
})

mail.onNewMail((message) => console.log('new mail', message.subject))
