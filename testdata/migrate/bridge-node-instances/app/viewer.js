const out = document.getElementById('out')
const file = '/var/log/app.log'
out.textContent = window.logs.raw(file).toString('utf8') + window.text.read(file)
if (window.logs.info(file).isFile()) window.logs.tail(file).stdout.on('data', (d) => { out.textContent += d })
