// Passkeys (WebAuthn): add one on the security page, confirm the second login step with one,
// or log in with one without a password. The server (engagiert/accounts/passkeys.py) makes the
// options and checks the answers; this file only converts between its JSON (binary values in
// base64url) and the browser's navigator.credentials API. Without WebAuthn the passkey parts
// stay hidden and the pages work as before.
(function () {
  "use strict";
  const textNode = document.getElementById("passkey-texts");
  if (!textNode) return;
  const texts = textNode.dataset;
  const supported = Boolean(window.PublicKeyCredential && navigator.credentials);
  document.querySelectorAll("[data-passkey]").forEach((element) => {
    element.hidden = !supported;
  });
  document.querySelectorAll("[data-passkey-unsupported]").forEach((element) => {
    element.hidden = supported;
  });
  if (!supported) return;

  function bytes(text) {
    const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  }

  function base64url(buffer) {
    let text = "";
    new Uint8Array(buffer).forEach((byte) => {
      text += String.fromCharCode(byte);
    });
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map((item) => ({ ...item, id: bytes(item.id) }));
  }

  function creationOptions(options) {
    return {
      ...options,
      challenge: bytes(options.challenge),
      user: { ...options.user, id: bytes(options.user.id) },
      excludeCredentials: descriptors(options.excludeCredentials),
    };
  }

  function requestOptions(options) {
    return {
      ...options,
      challenge: bytes(options.challenge),
      allowCredentials: descriptors(options.allowCredentials),
    };
  }

  function credentialJSON(credential) {
    const response = credential.response;
    const json = {
      id: credential.id,
      rawId: base64url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: base64url(response.clientDataJSON) },
    };
    if (response.attestationObject) {
      json.response.attestationObject = base64url(response.attestationObject);
      json.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      json.response.authenticatorData = base64url(response.authenticatorData);
      json.response.signature = base64url(response.signature);
      if (response.userHandle) json.response.userHandle = base64url(response.userHandle);
    }
    return json;
  }

  function csrfToken() {
    return JSON.parse(document.body.getAttribute("data-hx-headers"))["X-CSRFToken"];
  }

  function failure(message) {
    const error = new Error(message);
    error.name = "PasskeyFailure";
    return error;
  }

  // POST to our server; resolves to {ok, data}, rejects with a message on network failure.
  async function post(url, body, json) {
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: json
          ? { "X-CSRFToken": csrfToken(), "Content-Type": "application/json" }
          : { "X-CSRFToken": csrfToken() },
        body: json ? JSON.stringify(body) : body,
      });
    } catch (error) {
      throw failure(texts.offline);
    }
    let data = {};
    try {
      data = await response.json();
    } catch (error) {
      throw failure(texts.failed);
    }
    if (!response.ok && data.redirect) window.location.assign(data.redirect);
    return { ok: response.ok, data };
  }

  function browserMessage(error) {
    if (error.name === "NotAllowedError" || error.name === "AbortError") return texts.cancelled;
    if (error.name === "InvalidStateError") return texts.exists;
    if (error.name === "SecurityError") return texts.security;
    return error.name === "PasskeyFailure" ? error.message : texts.failed;
  }

  function showError(box, message) {
    box.querySelector(".kern-body").textContent = message;
    box.hidden = false;
  }

  function clearFieldErrors(form) {
    form.querySelectorAll("[data-passkey-field-error]").forEach((node) => node.remove());
    form.querySelectorAll(".kern-form-input--error").forEach((node) => {
      node.classList.remove("kern-form-input--error");
    });
    form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  }

  // Errors of the form's fields, shown at each field as the server-rendered forms do.
  function showFieldErrors(form, errors) {
    let first = null;
    Object.entries(errors).forEach(([name, messages]) => {
      const input = form.querySelector(`[name="${name}"]`);
      if (!input) return;
      const group = input.closest(".kern-form-input");
      group.classList.add("kern-form-input--error");
      input.setAttribute("aria-invalid", "true");
      const error = document.createElement("p");
      error.className = "kern-error";
      error.id = `${input.id}_error`;
      error.dataset.passkeyFieldError = "";
      const icon = document.createElement("span");
      icon.className = "kern-icon kern-icon--danger kern-icon--default";
      icon.setAttribute("aria-hidden", "true");
      const text = document.createElement("span");
      text.className = "kern-body";
      text.textContent = messages.join(" ");
      error.append(icon, text);
      group.after(error);
      const described = (input.getAttribute("aria-describedby") || "").split(" ");
      if (!described.includes(error.id)) described.unshift(error.id);
      input.setAttribute("aria-describedby", described.join(" ").trim());
      first = first || input;
    });
    if (first) first.focus();
  }

  const addForm = document.querySelector("[data-passkey-register]");
  if (addForm) {
    addForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const box = addForm.querySelector("[data-passkey-error]");
      const button = addForm.querySelector("button[type=submit]");
      box.hidden = true;
      clearFieldErrors(addForm);
      button.disabled = true;
      try {
        const options = await post(addForm.action, new FormData(addForm), false);
        if (!options.ok) {
          if (options.data.errors) showFieldErrors(addForm, options.data.errors);
          else showError(box, options.data.error || texts.failed);
          return;
        }
        const credential = await navigator.credentials.create({
          publicKey: creationOptions(options.data),
        });
        const result = await post(addForm.dataset.url, { credential: credentialJSON(credential) }, true);
        if (result.ok) window.location.assign(result.data.redirect);
        else showError(box, result.data.error || texts.failed);
      } catch (error) {
        showError(box, browserMessage(error));
      } finally {
        button.disabled = false;
      }
    });
  }

  document.querySelectorAll("[data-passkey-get]").forEach((button) => {
    const box = button.closest("[data-passkey]").querySelector("[data-passkey-error]");
    button.addEventListener("click", async () => {
      box.hidden = true;
      button.disabled = true;
      try {
        const options = await post(button.dataset.optionsUrl, null, true);
        if (!options.ok) {
          showError(box, options.data.error || texts.failed);
          return;
        }
        const credential = await navigator.credentials.get({
          publicKey: requestOptions(options.data),
        });
        const result = await post(button.dataset.url, { credential: credentialJSON(credential) }, true);
        if (result.ok) window.location.assign(result.data.redirect);
        else showError(box, result.data.error || texts.failed);
      } catch (error) {
        showError(box, browserMessage(error));
      } finally {
        button.disabled = false;
      }
    });
  });
})();
