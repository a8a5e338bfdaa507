window.feeds.list().then((feeds) => console.log(feeds.length))
