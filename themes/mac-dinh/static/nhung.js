// Embed pages (/nhung/...): tell the page that frames this one how tall the content is, so
// the school's <iframe> fits it without a scroll bar. Sends only a number; the parent checks
// event.origin before it believes it. Does nothing when the page is not in a frame. The
// parent's loader (/nhung/khung.js) may start after the first report: it asks again with a
// `pccc-hoi-chieu-cao` message, answered with the height.
(function () {
  'use strict';
  if (window.parent === window) return;
  var last = -1;
  function report() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'pccc-chieu-cao', height: height }, '*');
  }
  report();
  window.addEventListener('load', report);
  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || !event.data || event.data.type !== 'pccc-hoi-chieu-cao') return;
    last = -1;
    report();
  });
  // Opening an answer (<details>) makes the page taller.
  document.addEventListener('toggle', report, true);
  if ('ResizeObserver' in window) new ResizeObserver(report).observe(document.documentElement);
  else window.addEventListener('resize', report);
})();
