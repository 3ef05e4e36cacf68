// Danh sách vi phạm: lọc bảng khi gõ, gõ không dấu vẫn tìm được ("khuong dinh" thấy "Khương Đình").
// Không có JavaScript, các trang xem theo tình trạng, loại vi phạm và tổ dân phố vẫn dùng được.
(function () {
  "use strict";
  // Gấp chữ đúng như pccc gấp cột data-search (src/text.rs, fold; tests/fixtures/fold.tsv giữ
  // hai bên giống nhau): tách dấu (NFD), bỏ mọi dấu, đ/Đ và chữ giống nó thành d, chữ thường, ς thành σ.
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐÐðƉɖ]/g, "d").toLowerCase().replace(/ς/g, "σ");
  }
  // Trong node (tests/browser/fold.test.js), chỉ xuất hàm gấp chữ.
  if (typeof module === "object" && module.exports) {
    module.exports = { fold: fold };
    return;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector(".vp-filter");
    var input = document.getElementById("vp-loc");
    var count = document.getElementById("vp-dem");
    var rows = document.querySelectorAll("#vp-bang tbody tr");
    if (!box || !input || !rows.length) return;
    box.hidden = false;
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.getAttribute("data-search") || "";
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = words.length ? "Có " + shown + " cơ sở khớp." : "";
    });
  });
})();
