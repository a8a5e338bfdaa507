const list = document.getElementById('jobs')

window.queue.on('queue-changed', (_event, size) => { list.dataset.size = size })

function track (job) {
  const item = list.appendChild(document.createElement('li'))
  const stop = window.queue.on(`job.${job.id}.progress`, (_event, pct) => { item.textContent = pct + '%' })
  window.queue.on('job-done:' + job.id, () => { stop(); item.textContent = 'done' })
  window.queue.render(job)
}

track({ id: 1 })
