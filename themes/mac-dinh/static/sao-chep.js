// A "copy" button for code a reader is meant to paste elsewhere (<pre data-copy>). Without
// JavaScript the code stays selectable; with it, one press copies it.
(function () {
  'use strict';
  if (!navigator.clipboard) return;
  document.querySelectorAll('pre[data-copy]').forEach(function (pre) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.textContent = 'Sao chép mã';
    var status = document.createElement('p');
    status.className = 'copy-status';
    status.setAttribute('role', 'status');
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(pre.textContent).then(function () {
        status.textContent = 'Đã sao chép. Dán vào trang của trường.';
      }, function () {
        status.textContent = 'Không sao chép được; hãy bôi đen đoạn mã và chép thủ công.';
      });
    });
    pre.parentNode.insertBefore(button, pre);
    pre.parentNode.insertBefore(status, pre.nextSibling);
  });
})();
