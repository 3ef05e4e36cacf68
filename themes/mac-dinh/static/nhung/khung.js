// Loader for schools' pages that embed a lesson of this site in an <iframe> (the snippet of a
// lesson's "Nhúng bài học" page). It sets each such frame's height to the lesson's, as the
// framed page reports it, so the whole lesson shows without a scroll bar.
//
// It is a file of this site, not code pasted into the school's page: a school whose pages
// carry a content security policy allows it with `script-src` (and the frame with `frame-src`)
// of this site's origin, and needs no 'unsafe-inline'. The height goes into the frame's
// `height` attribute and the border is removed through the CSSOM, neither of which a policy's
// style-src governs. A height is believed only from this site's origin and from the frame
// whose window sent it. The frame works without this file too, at its starting height.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !window.URL) return;
  var origin = new URL(script.src).origin;

  function frames() {
    return document.getElementsByTagName('iframe');
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== origin) return;
    var data = event.data;
    if (!data || data.type !== 'pccc-chieu-cao' || typeof data.height !== 'number') return;
    var list = frames();
    for (var i = 0; i < list.length; i++) {
      if (list[i].contentWindow === event.source) {
        list[i].height = String(Math.ceil(data.height));
        list[i].style.border = '0';
        return;
      }
    }
  });

  // Frames that told their height before this script ran (it loads `async`): ask again. The
  // question carries nothing, so it goes to any origin: a frame still blank, or showing
  // another site, ignores it (a target origin of ours would make the browser log an error).
  var list = frames();
  for (var i = 0; i < list.length; i++) {
    if (list[i].contentWindow) list[i].contentWindow.postMessage({ type: 'pccc-hoi-chieu-cao' }, '*');
  }
})();
