// The verification page: read a card's QR code (camera, photo or typed text), check its Ed25519
// signature with the public keys shipped in the page and its dates on this device, then, when
// online, ask the server whether the card has been revoked. The rules and their order are those
// of engagiert/volunteercard/signing.py (verify_code): format, key, signature, not yet valid,
// expired. Without JavaScript the page still checks a typed card number on the server.
(function () {
  "use strict";
  const root = document.getElementById("card-check");
  if (!root) return;
  const keys = JSON.parse(document.getElementById("card-public-keys").textContent);
  const texts = JSON.parse(document.getElementById("card-reason-texts").textContent);
  const ui = JSON.parse(document.getElementById("card-check-texts").textContent);
  const panel = document.getElementById("scan-panel");
  const resultBox = document.getElementById("scan-result");
  const message = document.getElementById("scan-message");
  const video = document.getElementById("scan-video");
  const startButton = document.getElementById("scan-camera");
  const stopButton = document.getElementById("scan-stop");
  const textInput = document.getElementById("scan-text");
  // Loaded at once, so that a page opened online still checks after the connection is gone.
  const ed25519Module = import(root.dataset.ed25519);
  let stream = null;

  function base64urlBytes(text) {
    if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("not base64url");
    const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  }

  function base64Bytes(text) {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  }

  function parse(text) {
    const parts = text.trim().split(".");
    if (parts.length !== 3 || parts[0] !== "EK1") return null;
    try {
      const message = base64urlBytes(parts[1]);
      const signature = base64urlBytes(parts[2]);
      const data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(message));
      const isDate = (value) => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
      if (!data || data.v !== 1 || signature.length !== 64) return null;
      if (!isDate(data.a) || !(data.b === null || isDate(data.b))) return null;
      if (typeof data.n !== "string" || typeof data.h !== "string" || typeof data.k !== "string") return null;
      return { message: message, signature: signature, data: data };
    } catch (error) {
      return null;
    }
  }

  function today() {
    const now = new Date();
    const pad = (number) => String(number).padStart(2, "0");
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  async function verify(text) {
    const parsed = parse(text);
    if (!parsed) return { reason: "malformed" };
    const key = keys[parsed.data.k];
    if (!key) return { reason: "unknown_key" };
    const ed25519 = await ed25519Module;
    let good = false;
    try {
      good = await ed25519.verifyAsync(parsed.signature, parsed.message, base64Bytes(key));
    } catch (error) {
      good = false;
    }
    if (!good) return { reason: "signature" };
    const day = today();
    if (parsed.data.a > day) return { reason: "not_yet_valid", data: parsed.data };
    if (parsed.data.b && parsed.data.b < day) return { reason: "expired", data: parsed.data };
    return { reason: "valid", data: parsed.data };
  }

  function germanDate(iso) {
    const [year, month, day] = iso.split("-");
    return day + "." + month + "." + year;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function show(result, note) {
    const valid = result.reason === "valid";
    const box = element("div", "check-result check-result--" + (valid ? "valid" : "invalid"));
    box.setAttribute("role", "status");
    box.appendChild(element("p", "check-result__verdict", valid ? ui.valid : ui.invalid));
    const reason = texts[result.reason] + (result.revocation ? " (" + result.revocation + ")" : "");
    box.appendChild(element("p", "kern-body check-result__reason", reason));
    if (result.data) {
      const list = element("dl", "check-result__facts");
      const rows = [
        [ui.name, result.data.h],
        [ui.valid_until, result.data.b ? germanDate(result.data.b) : ui.unlimited],
        [ui.issued_by, result.data.j],
      ];
      rows.forEach(function (row) {
        list.appendChild(element("dt", "", row[0]));
        list.appendChild(element("dd", "", row[1]));
      });
      box.appendChild(list);
    }
    if (note) box.appendChild(element("p", "kern-body kern-body--small check-result__note", note));
    resultBox.replaceChildren(box);
  }

  async function askServer(text) {
    const body = new FormData();
    body.append("code", text);
    body.append("csrfmiddlewaretoken", document.querySelector("[name=csrfmiddlewaretoken]").value);
    const response = await fetch(root.dataset.statusUrl, { method: "POST", body: body });
    if (!response.ok) throw new Error("status " + response.status);
    return response.json();
  }

  async function check(text) {
    message.textContent = "";
    const result = await verify(text);
    if (result.reason !== "valid") {
      show(result);
      return;
    }
    if (!navigator.onLine) {
      show(result, ui.offline);
      return;
    }
    show(result, ui.asking);
    try {
      const answer = await askServer(text);
      if (answer.reason === "valid") {
        show(result, ui.not_revoked);
      } else {
        show({ reason: answer.reason, revocation: answer.revocation });
      }
    } catch (error) {
      show(result, ui.offline);
    }
  }

  // A code read by the camera or from a photo: the typed field is emptied, so that it never
  // shows another code than the one the result is about.
  function checkScanned(text) {
    textInput.value = "";
    check(text);
  }

  function decodeCanvas(canvas) {
    const context = canvas.getContext("2d", { willReadFrequently: true });
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    const code = window.jsQR(image.data, image.width, image.height);
    return code ? code.data : null;
  }

  function stopCamera() {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    stopButton.hidden = true;
    startButton.hidden = false;
  }

  async function startCamera() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      message.textContent = ui.no_camera;
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (error) {
      message.textContent = ui.camera_denied;
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    startButton.hidden = true;
    stopButton.hidden = false;
    await video.play();
    const canvas = document.createElement("canvas");
    const frame = function () {
      if (!stream) return;
      if (video.readyState >= 2 && video.videoWidth) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        canvas.getContext("2d", { willReadFrequently: true }).drawImage(video, 0, 0);
        const text = decodeCanvas(canvas);
        if (text) {
          stopCamera();
          checkScanned(text);
          return;
        }
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  async function readFile(file) {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d", { willReadFrequently: true }).drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const text = decodeCanvas(canvas);
    if (text) {
      checkScanned(text);
    } else {
      resultBox.replaceChildren();
      message.textContent = ui.no_code;
    }
  }

  panel.hidden = false;
  startButton.addEventListener("click", startCamera);
  stopButton.addEventListener("click", stopCamera);
  document.getElementById("scan-file").addEventListener("change", function (event) {
    if (event.target.files.length) readFile(event.target.files[0]);
    event.target.value = ""; // the same photo may be checked again
  });
  document.getElementById("scan-text-form").addEventListener("submit", function (event) {
    event.preventDefault();
    check(textInput.value);
  });
})();
