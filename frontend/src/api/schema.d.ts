// Generated from the server's /openapi.json by scripts/gen-api.mjs (npm run gen:api).
// Do not edit by hand.

export interface paths {
    "/api/app/v1/scan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Scan an RP's QR code (扫码).
         * @description The QR frame is checked and the session bound to this phone; the answer lists the
         *     holder's certificates and whether each is eligible.
         */
        post: operations["scanQr"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/scan/{session_id}/prepare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Choose the certificate and prove its password.
         * @description Returns the server's key share (sealed to the transport key) and the task to perform
         *     (what to sign or decrypt). A wrong password answers 403 with `attempts_left`.
         */
        post: operations["prepareScan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/scan/{session_id}/digest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Seal sessions: the digest to sign, once the RP prepared the PDF for the chosen seal.
         * @description 409 `digest_not_ready` until then (ask again in a moment).
         */
        get: operations["sealDigest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/scan/{session_id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete the session with the phone's signature or decryption result.
         * @description Checked against the certificate (under its lock) before the RP can collect it.
         */
        post: operations["completeScan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/scan/{session_id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline the session on the phone.
         * @description The session fails with reason `user_cancel`.
         */
        post: operations["rejectScan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Usage records (使用记录), newest first: the holder's own, or a whole company's.
         * @description `scope=company` is for the company's certificate admins (证书管理员): every member's
         *     scans with member, certificate serial, operation, platform, time and result; a
         *     certificate user (证书使用人) gets 403 `usage_company_forbidden`. Filter by member,
         *     certificate, operation and time; paged with `limit` and `offset`.
         */
        get: operations["listUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/usage/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export usage records as CSV (导出使用记录).
         * @description The same scopes and filters as `listUsage`, every matching record oldest first, as
         *     UTF-8 with a byte-order mark so that Excel shows the Chinese; streamed.
         */
        get: operations["exportUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rp/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a login, signing or decryption session (发起会话).
         * @description The answer's `start_token` and `qr_secret` make the animated QR code the RP's page shows
         *     (docs/scan.md); keep `qr_secret` on the RP backend. 403 when the RP is not allowed this
         *     session type.
         */
        post: operations["createSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rp/v1/sessions/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Collect a session's status and result.
         * @description Pending (with a hint), complete (with the result) or failed (with a reason). With
         *     `wait`, the call returns as soon as the status or hint changes. 404 once a finished
         *     session is no longer collectable.
         */
        get: operations["collectSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rp/v1/sessions/{session_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a pending session.
         * @description The phone is told; the session fails with reason `cancelled`.
         */
        post: operations["cancelSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rp/v1/sessions/{session_id}/digest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Seal sessions, round two: the digest the phone signs (docs/pdf-sealing.md).
         * @description After collect showed `selection` (hint `user_confirming`), the RP prepares the PDF for
         *     that certificate and seal and posts SHA-256 of the signed attributes with the
         *     `selection_id` it prepared for; the hint becomes `digest_ready`. 409 `selection_changed`
         *     when the holder chose again meanwhile, `selection_missing` before any choice.
         */
        post: operations["submitSealDigest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pki/ca/chain.pem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The CA chain (issuing and root CA certificates) in PEM.
         * @description Public; cacheable.
         */
        get: operations["getCaChain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pki/ca/{name}.crt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One CA certificate in DER (the AIA caIssuers URL).
         * @description `name` is the CA's name (`root` or `issuing`).
         */
        get: operations["getCaCertificate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pki/crl/{name}.crl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The CA's current certificate revocation list in DER (the CRL distribution point).
         * @description `name` is the CA's name (`root` or `issuing`).
         */
        get: operations["getCrl"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pki/ocsp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OCSP over POST (RFC 6960 appendix A.1): a DER request in, a DER response out.
         * @description An unusable request is answered with an OCSP `malformedRequest`, not an HTTP error.
         */
        post: operations["ocspPost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pki/ocsp/{encoded}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * OCSP over GET (RFC 6960 appendix A.1).
         * @description GET {url}/{url-encoding of base-64 encoding of the DER request}.
         */
        get: operations["ocspGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pki/tsa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * RFC 3161 time-stamping: a DER `TimeStampReq` in, a DER `TimeStampResp` out.
         * @description An unusable request is answered with a `rejection` status, not an HTTP error.
         */
        post: operations["timestampRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/auth/sms-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a login code by SMS.
         * @description The same call registers a new phone. Limited per phone and per client address:
         *     429 `sms_too_soon` with `Retry-After` until the next code may be sent; 503 when the SMS
         *     provider fails.
         */
        post: operations["sendSmsCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in (or register) with the phone and its SMS code.
         * @description Binds the device's public key to the session and returns an access and a refresh
         *     token. Without the current 用户协议 and 隐私政策 versions in `agreements`: 403
         *     `agreement_required` before anything else (the code is not used up). A wrong code answers
         *     422 with `attempts_left`; too many attempts 429; a device key that does not verify 403.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange the refresh token for a new token pair.
         * @description The refresh token rotates: each is accepted once, and reusing one ends the session
         *     (401 `refresh_token_reused`).
         */
        post: operations["refreshTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/device/challenge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A single-use challenge for one binding-sensitive call.
         * @description Sign it with this device's key for one binding-sensitive call (download, unlock, scan
         *     prepare/complete, password change/reset, renewal, reissue; docs/protocol.md section 6).
         */
        post: operations["createDeviceChallenge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log out.
         * @description Ends this session: its access and refresh tokens stop working.
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The logged-in holder and their devices.
         * @description The phone number is masked; `current` marks this session's device.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/agreements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The current 用户协议 and 隐私政策 (public).
         * @description Login sends the versions the holder agreed to (`agreements`); Markdown content.
         */
        get: operations["listAgreements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/consent-notices/{document}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One current document (public): an agreement or a separate consent notice.
         * @description A consent notice carries its purpose, retention and recipients.
         */
        get: operations["getConsentNotice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The holder's agreements and separate consents (隐私设置), with every grant.
         * @description Each record names the version, time, device and the masked client address.
         */
        get: operations["getConsents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/consents/{document}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a separate consent (同意) to the current notice version.
         * @description 409 `consent_version_outdated` when the notice changed since it was shown.
         */
        post: operations["grantConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/consents/{document}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw a separate consent (撤回同意).
         * @description Collecting that data is refused until consent is given again; 409
         *     `consent_not_withdrawable` for the agreements (cancel the account instead).
         */
        post: operations["withdrawConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/realname": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The holder's real-name status.
         * @description When verified: the masked name and ID number, the method and when.
         */
        get: operations["getRealnameStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/realname/bank-card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start real-name verification by bank card (four elements).
         * @description Name, ID number, bank card and the bank's phone; an SMS code goes to that phone. 403
         *     `consent_required` without the holder's consent to `realname` (nothing is sent on).
         */
        post: operations["startBankCardVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/realname/{attempt_id}/sms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm a bank-card attempt with the SMS code the bank's phone received.
         * @description Next step: the face check (`next_step` = `face`).
         */
        post: operations["confirmBankCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/realname/phone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start real-name verification by the account's phone (three elements).
         * @description Name and ID number; the account's phone must be registered to this person. 403
         *     `consent_required` without the holder's consent to `realname`.
         */
        post: operations["startPhoneVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/realname/{attempt_id}/face": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finish a real-name attempt with the face check.
         * @description The image is compared with the ID photo; on success the holder is verified. 403
         *     `consent_required` without the holder's consent to `face` (the image is not kept).
         */
        post: operations["submitFace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/face-checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A fresh face check of the verified holder.
         * @description Required by reissue, password reset and claiming certificates; its id is spent once.
         *     403 `realname_required` before real-name verification, `consent_required` without the
         *     holder's consent to `face`.
         */
        post: operations["createFaceCheck"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Certificate products and prices.
         * @description Public: the price list by certificate type and years of validity, and the price of an
         *     electronic seal (`seal`, 0 when seals are free).
         */
        get: operations["getPrices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/orders/personal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply for a personal certificate (申请个人证书).
         * @description After real-name verification (403 `realname_required` before), straight to 待支付.
         */
        post: operations["applyPersonal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/orders/company": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply for a company certificate (申请单位证书).
         * @description The documents are checked, cleaned and stored; the order waits for an operator's review.
         *     403 `consent_required` without the holder's consent to `company_documents`.
         */
        post: operations["applyCompany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The holder's orders (订单管理), newest first.
         * @description Filter by one or more statuses; paged with `limit` and `offset`.
         */
        get: operations["listOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/orders/{order_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of the holder's orders, with its documents, payments and refunds.
         * @description Also settles the order when the payment notification never came (asks the gateway).
         */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/orders/{order_id}/resubmit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resubmit a rejected company application with corrections.
         * @description 未通过 → 待审核; only the fields and documents sent are replaced. New documents need the
         *     holder's consent to `company_documents` (403 `consent_required`).
         */
        post: operations["resubmitOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/orders/{order_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an order that is not paid yet.
         * @description 409 when its status no longer allows it (e.g. already paid).
         */
        post: operations["cancelOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/orders/{order_id}/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start paying an order in 待支付.
         * @description Returns the gateway's cashier page (the sandbox's under /sandbox/pay); 409
         *     `order_closed` or `order_already_paid` when it can no longer be paid.
         */
        post: operations["payOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The holder's certificates (证书).
         * @description 待下载 first; certificates bound to another device offer 补办 (reissue).
         */
        get: operations["listCertificates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/certificates/{cert_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One certificate in detail (证书信息).
         * @description Subject, serial, validity, issuer, status, device, and both issued X.509 certificates.
         */
        get: operations["getCertificate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/certificates/{cert_id}/prehash": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The certificate password's pre-hash parameters.
         * @description What the device needs to turn the entered password into its pre-hash (salt, cost).
         */
        get: operations["getPrehashParams"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/certificates/{cert_id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Download a paid certificate to this device (证书下载).
         * @description The device sends its CSR and a transport key; the answer holds both certificates, the
         *     chain and the sealed key material. Needs the device proof; 409 when already
         *     downloaded or bound to another device.
         */
        post: operations["downloadCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/certificates/{cert_id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release the server's key share for one use of the certificate.
         * @description The password pre-hash proves the holder; a wrong one answers 403 with
         *     `attempts_left`, the fifth locks the certificate (`cert_locked`).
         */
        post: operations["unlockCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/certificates/{cert_id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the certificate password (修改证书密码).
         * @description Needs the old password's pre-hash; a wrong one counts towards the lock.
         */
        post: operations["changeCertificatePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/certificates/{cert_id}/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset a forgotten certificate password (重置证书密码).
         * @description After a fresh face check (`createFaceCheck`); the certificate (same serial) is kept.
         */
        post: operations["resetCertificatePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/certificates/{cert_id}/renewal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request a renewal (证书延期): creates a renewal order.
         * @description From 90 days before expiry; the certificate password proves control.
         */
        post: operations["renewCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/certificates/{cert_id}/reissue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request a reissue (证书补办) on this (new) device: creates a reissue order.
         * @description Needs a fresh face check (`createFaceCheck`); the old certificate is revoked when the new
         *     one is issued.
         */
        post: operations["reissueCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/certificates/{cert_id}/change": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request a change of the company name (证书变更): creates a change order.
         * @description Documents → review → payment → download; only the company's certificate admin. 403
         *     `consent_required` without the holder's consent to `company_documents`.
         */
        post: operations["changeCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/companies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The companies the holder is an authorised member of, with their role.
         * @description `admin` (证书管理员) opens 授权管理 and the company's usage records; `user`
         *     (证书使用人) has no authorisation screen.
         */
        get: operations["listMyCompanies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/companies/{org_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The company page (单位信息), for its admins.
         * @description Name, USCC, legal representative (masked), the reviewed documents, name changes,
         *     members and every certificate with its expiry; `needs_redownload` marks one still
         *     issued under an old name. 403 `org_admin_required` for anyone but an active admin of
         *     this company.
         */
        get: operations["getCompany"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/companies/{org_id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The company's members (单位成员), admins first.
         * @description Each with role, status, masked name, phone and ID number, their certificates of this
         *     company, last use and the admin's prepayment. Admins of this company only (403
         *     `org_admin_required`).
         */
        get: operations["listMembers"];
        put?: never;
        /**
         * Authorise a person as 证书使用人 or 证书管理员 (单位成员授权).
         * @description Name, resident ID number and mobile number; the person gets an SMS, logs in with that
         *     phone and claims under 证书-待申领的证书. `prepay_years` creates an order for the admin
         *     to pay now (then the claim is free). The same invitation sent again answers with the
         *     first; the phone of a current member with other data is 409 `member_exists`. Needs the
         *     device proof (docs/protocol.md section 6).
         */
        post: operations["inviteMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/companies/{org_id}/members/{member_id}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make a member 证书管理员 or 证书使用人.
         * @description 409 `last_admin` when it would leave the company without an active admin. Needs the
         *     device proof.
         */
        post: operations["changeMemberRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/companies/{org_id}/members/{member_id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a member's authorisation (取消授权), with their company certificates.
         * @description Their certificates of this company are revoked (reason affiliationChanged), their open
         *     scan sessions fail, an unpaid claim is cancelled and an unused prepayment refunded.
         *     409 `last_admin` for the company's last admin (themself included). Needs the device
         *     proof.
         */
        post: operations["revokeMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/companies/{org_id}/members/{member_id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send the invitation SMS again.
         * @description Only while the member has not claimed (409 `member_not_invited`); once a minute (429).
         *     Needs the device proof.
         */
        post: operations["resendInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Company certificates waiting for the holder to claim (待申领的证书).
         * @description Invitations to the holder's phone in every company, and memberships whose certificate
         *     is gone (revoked or expired) and may be claimed again.
         */
        get: operations["listClaims"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/claims/{member_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claim a company certificate (申领), without document review.
         * @description Needs the holder's real-name identity, which must be the name and ID number the admin
         *     entered (403 `claim_identity_mismatch`), and a fresh face check. Answers the order: in
         *     待支付, or already completed when the admin prepaid; then download as usual. Needs the
         *     device proof.
         */
        post: operations["claimCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/seals/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The seal as it would be extracted (提取预览), shown before submitting.
         * @description A photo that is not a red seal answers 422 with a code saying why (`seal_blue_ink`,
         *     `seal_not_found`, `seal_photocopy`, `seal_too_small`, `seal_blurred`, …). Nothing is
         *     stored.
         */
        post: operations["previewSeal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/seals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The holder's seals (电子印章).
         * @description Newest first; `group` picks 企业章 (`company`) or 个人章 (`personal`).
         */
        get: operations["listSeals"];
        put?: never;
        /**
         * Apply for a seal (申请印章) bound to one of the holder's certificates: 待审核.
         * @description When seals cost money (`MCERT_SEAL_PRICE_FEN`) the seal starts `unpaid` (待支付) and
         *     `order` names the order to pay (`payOrder`); paying it moves the seal to
         *     `pending_review`, and the order closing unpaid cancels it (`cancelled`). Company seals
         *     need a company certificate and its certificate admin (403 `org_admin_required`); 409
         *     `seal_exists` while a seal of the same type on the certificate is live. The original
         *     upload is kept for the reviewer.
         */
        post: operations["applySeal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/seals/{seal_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One seal of the holder.
         * @description Status, the rejection or void reason, the bound certificate and the expiry.
         */
        get: operations["getSeal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/seals/{seal_id}/image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The seal image.
         * @description The extracted seal as a transparent PNG (seal red, or black ink for a signature).
         */
        get: operations["getSealImage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/seals/{seal_id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claim an approved seal (申领) on the phone holding its certificate.
         * @description The certificate password's pre-hash is checked like an unlock: a wrong one answers 403
         *     with `attempts_left` and counts towards the lock (`cert_locked`). The answer carries the
         *     signed seal data (GB/T 38540 `SESeal`, DER). 409 `seal_not_approved` before approval.
         */
        post: operations["claimSeal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/invoice-titles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The holder's invoice titles (发票抬头).
         * @description Newest first; `suggestions` are the holder's verified companies not saved yet, offered
         *     first when adding a company title.
         */
        get: operations["listInvoiceTitles"];
        put?: never;
        /**
         * Save a title: personal (name) or company (name and USCC as 纳税人识别号).
         * @description A bad USCC answers 422 `uscc_invalid`; 专票 details are kept for companies only.
         */
        post: operations["createInvoiceTitle"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/invoice-titles/{title_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a title.
         * @description Invoices already applied for keep their own copy of the buyer.
         */
        delete: operations["deleteInvoiceTitle"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The holder's invoices (我的发票).
         * @description Newest first, with their status (开票中, 已开票, 开票失败 with the reason, 已红冲).
         */
        get: operations["listInvoices"];
        put?: never;
        /**
         * Apply for an invoice (申请开票) for one or several completed orders (合并开票): 开票中.
         * @description The amount is what was paid for the orders. An order with a live invoice answers 409
         *     `invoice_exists`; 专用发票 needs a company title (422 `invoice_special_needs_company`).
         */
        post: operations["applyInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/invoices/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The holder's orders that have a live invoice.
         * @description The app offers no 申请开票 for them.
         */
        get: operations["listInvoicedOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/invoices/{invoice_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One invoice of the holder.
         * @description Another holder's invoice answers 404.
         */
        get: operations["getInvoice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/invoices/{invoice_id}/files/{which}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An invoice file.
         * @description The PDF (`pdf`), the XML (`xml`) or the red-letter invoice's PDF (`red-pdf`); owner
         *     only (404 otherwise), 409 `invoice_not_issued` before it is issued.
         */
        get: operations["downloadInvoice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/invoices/{invoice_id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send the issued invoice again by email.
         * @description The PDF and the XML, to `email` or else to the address given when applying.
         */
        post: operations["resendInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/invoices/{invoice_id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw a failed application (撤回): 开票失败 → 已作废.
         * @description Its orders may be invoiced again, e.g. with a corrected title. Any other status answers
         *     409 `invoice_not_withdrawable`; another holder's invoice answers 404.
         */
        post: operations["withdrawInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The holder's messages (消息), newest first.
         * @description Paged with `limit` and `offset`; `unread` counts all unread messages.
         */
        get: operations["listMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/messages/{message_id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark one message read.
         * @description Idempotent: a message already read keeps its first read time.
         */
        post: operations["markMessageRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/privacy/data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 我的信息: the categories of personal data held.
         * @description Each category mCert holds about the holder, with a description and a count; the data
         *     itself is downloaded from `/privacy/export`.
         */
        get: operations["getMyDataSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/privacy/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 下载我的信息 (PIPL art. 45): everything mCert holds about the holder.
         * @description `format=json` (default) or `html` (a readable page). ID number, bank card, phone
         *     numbers and e-mail are masked; secrets are never included. Each export is recorded
         *     as a data-subject request and audited.
         */
        get: operations["exportMyData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/account/cancellation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 注销账号: the state of the holder's cancellation.
         * @description The pending request (in its cooling-off) if any, the consequences the holder must read,
         *     and what blocks cancellation now (last company admin, an order under way).
         */
        get: operations["getAccountCancellation"];
        put?: never;
        /**
         * Ask for cancellation with the SMS code.
         * @description The account is cancelled after the cooling-off period (`due_at`) unless withdrawn.
         *
         *     422 `sms_code_invalid`; 409 `cancel_last_admin` (hand the company over first),
         *     `cancel_order_open` (an order is under way) or `cancel_pending` (already asked).
         */
        post: operations["requestAccountCancellation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/account/cancellation/sms-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send the re-verification code for 注销账号.
         * @description To the account's own phone; the usual SMS limits apply (429 `sms_too_soon`).
         */
        post: operations["sendCancellationCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/v1/account/cancellation/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 撤销注销: withdraw the pending cancellation.
         * @description Only during its cooling-off; 409 `cancel_not_pending` when there is none.
         */
        post: operations["withdrawAccountCancellation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/notify/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A payment gateway's asynchronous payment notification.
         * @description Form-encoded and signed by the gateway; the answer `success` stops its retries.
         */
        post: operations["paymentNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/refund-notify/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A payment gateway's asynchronous refund result.
         * @description Form-encoded and signed by the gateway; the answer `success` stops its retries.
         */
        post: operations["refundNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Operator login: password, then the authenticator's 6-digit code.
         * @description `status` is `ok` (with `token`, valid 8 hours, ended by 30 idle minutes),
         *     `totp_required` (send the code too) or `enrol` (first login: scan `qr_svg` or type
         *     `secret` into an authenticator app, then `POST /auth/totp/enrol`). A wrong password or
         *     code is 401 `operator_login_failed`; repeated failures lock the account and the client
         *     address for a while (429 with `Retry-After`).
         */
        post: operations["consoleLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/auth/totp/enrol": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm the authenticator with its current code; logs in.
         * @description Answers as a successful login (`status: ok`, `token`). The enrolment token comes from
         *     the `enrol` answer of `consoleLogin` and lasts 10 minutes; a wrong code counts toward
         *     the lockout like a wrong password.
         */
        post: operations["consoleEnrolTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End this console session.
         * @description Its token is refused from now on (401 `operator_token_invalid`).
         */
        post: operations["consoleLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is logged in.
         * @description The operator's role, its Chinese label and every permission it holds (the console
         *     shows or hides its pages by these).
         */
        get: operations["consoleMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/operators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every operator.
         * @description Role, whether a second factor is enrolled, disabled, last login. Needs
         *     `operator_manage`.
         */
        get: operations["listOperators"];
        put?: never;
        /**
         * Create an operator.
         * @description They enrol their authenticator at their first login. Needs `operator_manage`;
         *     409 `username_taken`.
         */
        post: operations["createOperator"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/operators/{operator_id}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change an operator's role.
         * @description Needs `operator_manage`; not one's own (409 `operator_self`).
         */
        post: operations["setOperatorRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/operators/{operator_id}/reset-2fa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Forget an operator's authenticator (lost phone).
         * @description Ends their sessions; their next login enrols a new one. Needs `operator_manage`.
         */
        post: operations["resetOperatorTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/operators/{operator_id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Disable an operator.
         * @description No more logins; their sessions end at once. Needs `operator_manage`; not oneself
         *     (409 `operator_self`).
         */
        post: operations["disableOperator"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/operators/{operator_id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable a disabled operator again.
         * @description Needs `operator_manage`.
         */
        post: operations["enableOperator"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The review queue: company applications in one status.
         * @description Oldest first; default status `pending_review`.
         */
        get: operations["listReviews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/reviews/{order_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One application under review.
         * @description The company, the legal representative, the applicant (masked) and the documents.
         */
        get: operations["getReview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/reviews/{order_id}/documents/{document_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One document of an application.
         * @description Images (re-encoded on upload) show inline; a PDF is only ever a download.
         */
        get: operations["getReviewDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/reviews/{order_id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve an application: 待审核 → 待支付.
         * @description Needs the review permission (403 `review_required`); 409 `review_claimed` while
         *     another operator holds the claim; `version` must match (409 otherwise).
         */
        post: operations["approveReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/reviews/{order_id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject an application with a reason: 待审核 → 未通过.
         * @description Needs the review permission (403 `review_required`); 409 `review_claimed` while
         *     another operator holds the claim; `version` must match (409 otherwise). A company's
         *     name change is not rejected at once: the rejection is proposed (202 with the approval)
         *     and a second operator approves it (`/approvals`); the proposer keeps the claim until it
         *     lapses, so nobody else decides the application meanwhile.
         */
        post: operations["rejectReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The review queues at a glance.
         * @description Per kind: items waiting, the oldest one's age, how many are past the service level.
         */
        get: operations["listQueues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One review queue, oldest first.
         * @description Each item with its age, service level, whether it is overdue and who claimed it.
         */
        get: operations["listQueueItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/queue/{kind}/{item_id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claim a queue item for 30 minutes (again: renew).
         * @description 409 `review_claimed`, naming the claimant, while another operator holds it.
         */
        post: operations["claimQueueItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/queue/{kind}/{item_id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a claimed item back to the queue.
         * @description Only the claimant may (409 `review_claimed` for another operator's live claim).
         */
        post: operations["releaseQueueItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/rejection-reasons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Standard rejection reasons of a queue.
         * @description Send one as `reason_code` with a reject, with or without your own `reason`.
         */
        get: operations["listRejectionReasons"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/reviews/{order_id}/documents/{document_id}/pages/{n}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One page of a document as an image.
         * @description A PDF page is rendered to PNG on the server (never executed, in a time- and
         *     memory-limited process); an image is its one page, as stored.
         */
        get: operations["getReviewDocumentPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/seals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The seal review queue.
         * @description Seals in one status, oldest first (default `pending_review`, 待审核).
         */
        get: operations["listSealReviews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/seals/{seal_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One seal under review.
         * @description Company, certificate, holder (masked), and where to fetch the original upload and the
         *     extracted seal to show side by side.
         */
        get: operations["getSealReview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/seals/{seal_id}/original": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The holder's original upload.
         * @description The photo of the stamp (re-encoded on upload), or the signature pad's PNG.
         */
        get: operations["getSealOriginal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/seals/{seal_id}/image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The extracted seal.
         * @description What the holder saw before submitting (transparent PNG).
         */
        get: operations["getSealExtracted"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/seals/{seal_id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a seal: 待审核 → 已通过.
         * @description The seal data (GB/T 38540 SESeal) is signed by the seal-maker at once; reviewers only
         *     (403 `review_required`); a second decision, or another operator's claim, answers 409.
         */
        post: operations["approveSeal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/seals/{seal_id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a seal with a reason: 待审核 → 未通过.
         * @description The holder sees the reason and may apply again; a paid seal's order is refunded
         *     (reason `seal_rejected`). Reviewers only.
         */
        post: operations["rejectSeal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/consents/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A holder's agreement and consent records, newest first (needs `lookup`).
         * @description Version, time, withdrawal, device and the masked address: what the holder agreed to and
         *     when. The phone goes in the body, not the URL; each look-up is audited.
         */
        post: operations["lookupConsents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The invoice queue.
         * @description By default the invoices that failed (开票失败) and wait for an operator; newest first.
         */
        get: operations["listConsoleInvoices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/invoices/{invoice_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request a failed invoice again: 开票失败 → 开票中.
         * @description A new request number is sent to the invoicing service; audited.
         */
        post: operations["retryInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/invoices/{invoice_id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Void an invoice.
         * @description A failed one is dropped (已作废; its orders can be invoiced again), an issued one is
         *     reversed by a red-letter invoice (已红冲); audited.
         */
        post: operations["voidInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/privacy/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Data-subject requests.
         * @description Exports and account cancellations with their status, newest first; needs the
         *     `audit_read` permission (auditor, admin).
         */
        get: operations["listPrivacyRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Proposed actions (two-person approvals), newest first.
         * @description `status=pending` for those waiting; proposals nobody decided within 24 hours are
         *     `expired`.
         */
        get: operations["listApprovals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/approvals/{approval_id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve and carry out the action.
         * @description Not by its proposer (403 `approval_self`); the approver needs the permission the action
         *     needs (403 `<permission>_required`); 409 `approval_decided` once decided or expired.
         */
        post: operations["approveApproval"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/approvals/{approval_id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a proposed action with a reason.
         * @description Same rules as approving: not the proposer (403 `approval_self`), the permission the
         *     action needs, 409 `approval_decided` once decided or expired.
         */
        post: operations["rejectApproval"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/approvals/{approval_id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The new secret of an approved `rp_secret_rotate`.
         * @description Once, for its proposer only (others 404); 410 `secret_gone` afterwards.
         */
        get: operations["takeApprovalSecret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/companies/{org_id}/revoke-certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Propose revoking every valid certificate of a company.
         * @description Answers 202 with the approval; a second operator with `revoke` approves it
         *     (`/approvals/{id}/approve`), which revokes them. Needs `revoke`.
         */
        post: operations["proposeCompanyRevoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search holder certificates.
         * @description Newest first; `q` is a serial (hex), a holder's name or a company name. Names are
         *     masked. Needs `lookup`.
         */
        get: operations["searchCertificates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/certificates/{cert_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One certificate.
         * @description Its OCSP status, its history (first issue, renewals, reissues, changes) and the PEM.
         *     Needs `lookup`.
         */
        get: operations["getConsoleCertificate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/certificates/{cert_id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a certificate.
         * @description The signing and encryption pair; OCSP answers revoked at once and the CRL is reissued.
         *     Needs `revoke`; 409 when already revoked.
         */
        post: operations["revokeConsoleCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/ca": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The CA's own certificates.
         * @description Root, issuing, OCSP signer and TSA, with the days each has left. Needs `lookup`.
         */
        get: operations["getCAStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/ca/crl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The issuing CA's current CRL.
         * @description Its number, validity and how many entries. Needs `lookup`.
         */
        get: operations["getCRLStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/relying-parties": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every relying party.
         * @description Its operations, callback URL and successful uses in the last 30 days. Needs `lookup`.
         */
        get: operations["listRelyingParties"];
        put?: never;
        /**
         * Register a relying party.
         * @description Its secret is in this answer only. Needs `rp_manage`.
         */
        post: operations["createRelyingParty"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/relying-parties/{rp_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a relying party.
         * @description Enable or disable, the operations, the callback URL (`""` clears it). Needs
         *     `rp_manage`.
         */
        patch: operations["updateRelyingParty"];
        trace?: never;
    };
    "/api/console/v1/relying-parties/{rp_id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Propose a new secret for a relying party.
         * @description Answers 202 with the approval; once another operator with `rp_manage` approves, the
         *     proposer fetches the secret once from `GET /approvals/{id}/secret`.
         */
        post: operations["proposeRpSecretRotation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/holders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find holders by phone, phone's last 4 digits, name or ID number.
         * @description Full phone and ID numbers use the blind index; the last 4 digits and names search the
         *     newest holders (header `X-Lookup-Partial: 1` when not all were searched). Masked.
         */
        get: operations["lookupHolders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/holders/{holder_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One holder, masked.
         * @description Their certificates, orders and company memberships.
         */
        get: operations["lookupHolder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/holders/{holder_id}/unmask": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reveal a holder's name, phone or ID number.
         * @description Needs the unmask permission and a reason; audited as `pii.unmask` (the fields and the
         *     reason, never the values).
         */
        post: operations["unmaskHolder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/companies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find verified companies by name (part of it) or USCC.
         * @description The legal representative is masked.
         */
        get: operations["lookupCompanies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/companies/{org_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One company.
         * @description Members (masked), certificates and name history.
         */
        get: operations["lookupCompany"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find orders.
         * @description By number, status and kind, newest first; the holder's name masked.
         */
        get: operations["lookupOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/orders/{order_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One order.
         * @description With its payment attempts and refunds.
         */
        get: operations["lookupOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Usage records (使用记录).
         * @description Of a holder, a company or a certificate, newest first; page with `before` (the last
         *     row's `created_at`).
         */
        get: operations["lookupUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log, newest first.
         * @description Filter by action, actor, target and time; page with `before_seq` (the previous page's
         *     `next_before_seq`), which costs the same however far back you go.
         */
        get: operations["listAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify the audit log's hash chain.
         * @description The same check as `mcert audit verify`: names the first entry that was edited, deleted
         *     or moved.
         */
        post: operations["verifyAudit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the audit log as JSON Lines or CSV.
         * @description The same filters as the browser, oldest first, with each entry's chain hashes, streamed
         *     in batches; the export itself is audited (`audit.exported`).
         */
        get: operations["exportAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/console/v1/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Queue sizes and daily figures.
         * @description Certificates issued, renewed and revoked; scan sessions by outcome; payments and
         *     refunds — per UTC day over the last `days` days (today included), zeros included.
         */
        get: operations["getDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invoices/notify/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The invoicing service's result callback.
         * @description JSON signed by the service (`X-Invoice-Signature`); the answer `success` stops its
         *     retries.
         */
        post: operations["invoiceCallback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness: the process answers.
         * @description Checks nothing else (see `readyz`).
         */
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: the dependencies work.
         * @description Database writable, disk space, CA keys loadable, Redis (if configured).
         */
        get: operations["readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * AgreedVersions
         * @description The versions of the agreements the holder ticked 我已阅读并同意 for at login.
         */
        AgreedVersions: {
            /**
             * User Agreement
             * @description 用户协议 version
             */
            user_agreement?: string | null;
            /**
             * Privacy Policy
             * @description 隐私政策 version
             */
            privacy_policy?: string | null;
        };
        /** ApprovalRead */
        ApprovalRead: {
            /** Id */
            id: string;
            /** Kind */
            kind: string;
            /** Kind Label */
            kind_label: string;
            /** Summary */
            summary: string;
            /** Params */
            params: {
                [key: string]: unknown;
            };
            /**
             * Status
             * @description pending | approved | rejected | expired
             */
            status: string;
            /** Status Label */
            status_label: string;
            proposer: components["schemas"]["OperatorRef"];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
            decided_by?: components["schemas"]["OperatorRef"] | null;
            /** Decided At */
            decided_at?: string | null;
            /** Decision Reason */
            decision_reason?: string | null;
            /** Result */
            result?: {
                [key: string]: unknown;
            } | null;
            /**
             * Secret Available
             * @description rp_secret_rotate: the proposer may fetch the secret once
             * @default false
             */
            secret_available: boolean;
        };
        /** ApprovalReject */
        ApprovalReject: {
            /** Reason */
            reason: string;
        };
        /** AttemptRead */
        AttemptRead: {
            /** Id */
            id: string;
            /** Method */
            method: string;
            /** Status */
            status: string;
            /**
             * Next Step
             * @description sms | face | None when finished
             */
            next_step: string | null;
        };
        /** AuditItem */
        AuditItem: {
            /** Seq */
            seq: number;
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** Action */
            action: string;
            /** Actor Type */
            actor_type: string;
            /** Actor Id */
            actor_id: string | null;
            /**
             * Actor Name
             * @description The operator's display name
             */
            actor_name?: string | null;
            /** Target Type */
            target_type: string | null;
            /** Target Id */
            target_id: string | null;
            /** Details */
            details: {
                [key: string]: unknown;
            };
            /** Ip */
            ip?: string | null;
            /** Request Id */
            request_id?: string | null;
        };
        /** AuditPage */
        AuditPage: {
            /** Items */
            items: components["schemas"]["AuditItem"][];
            /**
             * Next Before Seq
             * @description Pass as `before_seq` for the next (older) page; absent at the end
             */
            next_before_seq?: number | null;
        };
        /** BankCardStart */
        BankCardStart: {
            /** Name */
            name: string;
            /** Id Number */
            id_number: string;
            /** Card Number */
            card_number: string;
            /**
             * Bank Phone
             * @description The phone number the bank has on file
             */
            bank_phone: string;
        };
        /** Body_applyCompany */
        Body_applyCompany: {
            /** Years */
            years: number;
            /** Company Name */
            company_name: string;
            /** Uscc */
            uscc: string;
            /** Legal Rep Name */
            legal_rep_name: string;
            /** Applicant Is Legal Rep */
            applicant_is_legal_rep: boolean;
            /**
             * Business Licence
             * @description 营业执照 JPEG/PNG/PDF ≤ 10 MB
             */
            business_licence: string;
            /** Authorization Letter */
            authorization_letter?: string | null;
        };
        /** Body_applySeal */
        Body_applySeal: {
            /** Cert Id */
            cert_id: string;
            /**
             * Seal Type
             * @description company_official | company_contract | company_finance | company_invoice | personal_stamp | personal_signature
             */
            seal_type: string;
            /**
             * Image
             * @description Photo of the seal stamped on white paper (JPG/PNG), or the pad's PNG
             */
            image: string;
            /**
             * Strokes
             * @description personal_signature only: the pad's strokes as JSON, a list of strokes, each a list of [x, y] or [x, y, t, pressure] points
             */
            strokes?: string | null;
        };
        /** Body_changeCertificate */
        Body_changeCertificate: {
            /** New Name */
            new_name: string;
            /**
             * Change Proof
             * @description 变更证明（新营业执照或核准变更通知书）
             */
            change_proof: string;
        };
        /** Body_createFaceCheck */
        Body_createFaceCheck: {
            /**
             * Image
             * @description Front-camera capture, JPEG or PNG
             */
            image: string;
        };
        /** Body_previewSeal */
        Body_previewSeal: {
            /**
             * Seal Type
             * @description company_official | company_contract | company_finance | company_invoice | personal_stamp | personal_signature
             */
            seal_type: string;
            /**
             * Image
             * @description Photo of the seal stamped on white paper (JPG/PNG), or the pad's PNG
             */
            image: string;
            /**
             * Strokes
             * @description personal_signature only: the pad's strokes as JSON, a list of strokes, each a list of [x, y] or [x, y, t, pressure] points
             */
            strokes?: string | null;
        };
        /** Body_resubmitOrder */
        Body_resubmitOrder: {
            /** Company Name */
            company_name?: string | null;
            /** Legal Rep Name */
            legal_rep_name?: string | null;
            /** Applicant Is Legal Rep */
            applicant_is_legal_rep?: boolean | null;
            /** Business Licence */
            business_licence?: string | null;
            /** Authorization Letter */
            authorization_letter?: string | null;
            /** Change Proof */
            change_proof?: string | null;
        };
        /** Body_submitFace */
        Body_submitFace: {
            /**
             * Image
             * @description Front-camera capture, JPEG or PNG
             */
            image: string;
        };
        /** CAItem */
        CAItem: {
            /**
             * Kind
             * @description root | issuing | ocsp | tsa
             */
            kind: string;
            /** Subject */
            subject: string;
            /** Serial Hex */
            serial_hex: string;
            /**
             * Not Before
             * Format: date-time
             */
            not_before: string;
            /**
             * Not After
             * Format: date-time
             */
            not_after: string;
            /** Days Left */
            days_left: number;
        };
        /** CRLInfo */
        CRLInfo: {
            /** Number */
            number: number | null;
            /** This Update */
            this_update: string | null;
            /** Next Update */
            next_update: string | null;
            /** Revoked Count */
            revoked_count: number;
        };
        /** CancellationRead */
        CancellationRead: {
            /** Id */
            id: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            /**
             * Requested At
             * Format: date-time
             */
            requested_at: string;
            /** Due At */
            due_at: string | null;
            /** Withdrawn At */
            withdrawn_at: string | null;
            /** Completed At */
            completed_at: string | null;
        };
        /** CancellationRequest */
        CancellationRequest: {
            /**
             * Code
             * @description The SMS code sent to this phone
             */
            code: string;
        };
        /** CancellationStatus */
        CancellationStatus: {
            pending: components["schemas"]["CancellationRead"] | null;
            /** Cooling Off Days */
            cooling_off_days: number;
            /** Consequences */
            consequences: string[];
            /**
             * Blockers
             * @description Why cancellation is refused now (empty: allowed)
             */
            blockers: string[];
        };
        /** CertDetail */
        CertDetail: {
            /** Id */
            id: string;
            /** Cert Type */
            cert_type: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            /** Subject Cn */
            subject_cn: string;
            /** Subject Org */
            subject_org: string | null;
            /** Not After */
            not_after: string | null;
            /** Device Name */
            device_name: string | null;
            /** On This Device */
            on_this_device: boolean;
            /** Bound Elsewhere */
            bound_elsewhere: boolean;
            /** Locked */
            locked: boolean;
            /** Attempts Left */
            attempts_left: number;
            /** Renewable From */
            renewable_from: string | null;
            /** Renewable Now */
            renewable_now: boolean;
            /** Predecessor Id */
            predecessor_id: string | null;
            /** Order Id */
            order_id: string;
            /** Issuer */
            issuer: string | null;
            signing: components["schemas"]["IssuedRead"] | null;
            encryption: components["schemas"]["IssuedRead"] | null;
        };
        /** CertRead */
        CertRead: {
            /** Id */
            id: string;
            /** Cert Type */
            cert_type: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            /** Subject Cn */
            subject_cn: string;
            /** Subject Org */
            subject_org: string | null;
            /** Not After */
            not_after: string | null;
            /** Device Name */
            device_name: string | null;
            /** On This Device */
            on_this_device: boolean;
            /** Bound Elsewhere */
            bound_elsewhere: boolean;
            /** Locked */
            locked: boolean;
            /** Attempts Left */
            attempts_left: number;
            /** Renewable From */
            renewable_from: string | null;
            /** Renewable Now */
            renewable_now: boolean;
            /** Predecessor Id */
            predecessor_id: string | null;
            /** Order Id */
            order_id: string;
        };
        /** CertificateDay */
        CertificateDay: {
            /** Day */
            day: string;
            /** Issued */
            issued: number;
            /** Renewed */
            renewed: number;
            /** Revoked */
            revoked: number;
        };
        /** ChainVerification */
        ChainVerification: {
            /** Ok */
            ok: boolean;
            /**
             * Checked
             * @description Entries that verified before the first problem
             */
            checked: number;
            /** First Bad Seq */
            first_bad_seq?: number | null;
            /** Message */
            message: string;
            /**
             * Head
             * @description Hash of the last verified entry
             */
            head: string;
        };
        /**
         * ClaimRead
         * @description A company certificate waiting to be claimed (待申领的证书).
         */
        ClaimRead: {
            /** Member Id */
            member_id: string;
            /** Org Id */
            org_id: string;
            /** Company Name */
            company_name: string;
            /** Uscc */
            uscc: string;
            role: components["schemas"]["MemberRole"];
            /** Role Label */
            role_label: string;
            status: components["schemas"]["MemberStatus"];
            /** Invited By Masked */
            invited_by_masked: string | null;
            /** Invited At */
            invited_at: string | null;
            /**
             * Prepaid
             * @description The admin paid: the claim is free
             */
            prepaid: boolean;
            /**
             * Prepay Pending
             * @description The admin's prepayment is not paid yet
             */
            prepay_pending: boolean;
            /** Prepaid Years */
            prepaid_years: number | null;
            /**
             * Open Order Id
             * @description A claim waiting for payment
             */
            open_order_id: string | null;
        };
        /**
         * CompanyBrief
         * @description A company the holder is an active member of.
         */
        CompanyBrief: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Uscc */
            uscc: string;
            role: components["schemas"]["MemberRole"];
            /** Role Label */
            role_label: string;
        };
        /** CompanyCertRead */
        CompanyCertRead: {
            /** Id */
            id: string;
            /** Member Id */
            member_id: string | null;
            /** Holder Name Masked */
            holder_name_masked: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            /** Serial */
            serial: string | null;
            /** Subject Org */
            subject_org: string | null;
            /** Not After */
            not_after: string | null;
            /** Days Left */
            days_left: number | null;
            /**
             * Needs Redownload
             * @description Issued under the company's old name: the holder downloads the renamed certificate (证书-待下载) with their password
             */
            needs_redownload: boolean;
        };
        /** CompanyDetail */
        CompanyDetail: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Uscc */
            uscc: string;
            /** Legal Rep Masked */
            legal_rep_masked: string;
            /** Status */
            status: string;
            /**
             * Members
             * @description Active members
             */
            members: number;
            /**
             * Certificates
             * @description Active company certificates
             */
            certificates: number;
            /**
             * Verified At
             * Format: date-time
             */
            verified_at: string;
            /** Member List */
            member_list: components["schemas"]["CompanyMember"][];
            /** Certificate List */
            certificate_list: components["schemas"]["mcert__lookup__schemas__CertRow"][];
            /** Name History */
            name_history: components["schemas"]["NameChange"][];
        };
        /** CompanyDocumentRead */
        CompanyDocumentRead: {
            /**
             * Kind
             * @description business_licence / authorization_letter / change_proof
             */
            kind: string;
            /** Label */
            label: string;
            /** Order No */
            order_no: string;
            /**
             * Uploaded At
             * Format: date-time
             */
            uploaded_at: string;
            /**
             * Status
             * @description verified / reviewing / rejected
             */
            status: string;
            /** Status Label */
            status_label: string;
        };
        /** CompanyMember */
        CompanyMember: {
            /** Id */
            id: string;
            /** Holder Id */
            holder_id: string | null;
            /** Name Masked */
            name_masked: string | null;
            /** Role */
            role: string;
            /** Status */
            status: string;
            /** Joined At */
            joined_at: string | null;
        };
        /**
         * CompanyRead
         * @description 单位信息.
         */
        CompanyRead: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Uscc */
            uscc: string;
            /** Legal Rep Masked */
            legal_rep_masked: string;
            /**
             * Verified At
             * Format: date-time
             */
            verified_at: string;
            my_role: components["schemas"]["MemberRole"];
            /** Documents */
            documents: components["schemas"]["CompanyDocumentRead"][];
            /** Name Changes */
            name_changes: components["schemas"]["NameChangeRead"][];
            /** Members */
            members: components["schemas"]["MemberRead"][];
            /** Certificates */
            certificates: components["schemas"]["CompanyCertRead"][];
        };
        /** CompanyRevoke */
        CompanyRevoke: {
            /**
             * Reason
             * @description an RFC 5280 reason (RevocationReason)
             */
            reason: string;
            /** Note */
            note?: string | null;
        };
        /** CompanyRow */
        CompanyRow: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Uscc */
            uscc: string;
            /** Legal Rep Masked */
            legal_rep_masked: string;
            /** Status */
            status: string;
            /**
             * Members
             * @description Active members
             */
            members: number;
            /**
             * Certificates
             * @description Active company certificates
             */
            certificates: number;
            /**
             * Verified At
             * Format: date-time
             */
            verified_at: string;
        };
        /** CompleteRequest */
        CompleteRequest: {
            /**
             * Signature
             * @description login: base64url ECDSA signature of the payload; seal: of the digest
             */
            signature?: string | null;
            /**
             * Signatures
             * @description sign: one per digest, in order
             */
            signatures?: string[] | null;
            /**
             * Sealed Output
             * @description decrypt: the key agreement output (ECDH Z) sealed to the RP's ephemeral key
             */
            sealed_output?: {
                [key: string]: unknown;
            } | null;
        };
        /** ConsentGrant */
        ConsentGrant: {
            /**
             * Version
             * @description The notice version the holder read
             */
            version: string;
        };
        /** ConsentLookup */
        ConsentLookup: {
            /**
             * Phone
             * @description The holder's phone number (not put in a URL or a log)
             */
            phone: string;
        };
        /** ConsentOverview */
        ConsentOverview: {
            /**
             * Consents
             * @description The separate consents, one each
             */
            consents: components["schemas"]["ConsentState"][];
            /**
             * Agreements
             * @description 用户协议 and 隐私政策 as agreed
             */
            agreements: components["schemas"]["ConsentState"][];
            /**
             * History
             * @description Every grant, newest first
             */
            history: components["schemas"]["ConsentRecordRead"][];
        };
        /** ConsentRecordRead */
        ConsentRecordRead: {
            /** Id */
            id: string;
            /** Document */
            document: string;
            /** Title */
            title: string;
            /** Version */
            version: string;
            /**
             * Granted At
             * Format: date-time
             */
            granted_at: string;
            /** Withdrawn At */
            withdrawn_at: string | null;
            /** Device Name */
            device_name: string | null;
            /** Client Ip Masked */
            client_ip_masked: string | null;
            /**
             * Current
             * @description Standing consent to the current version
             */
            current: boolean;
        };
        /** ConsentState */
        ConsentState: {
            /** Document */
            document: string;
            /** Title */
            title: string;
            /**
             * Version
             * @description The current notice version
             */
            version: string;
            /** Granted */
            granted: boolean;
            record?: components["schemas"]["ConsentRecordRead"] | null;
        };
        /** ConsoleCertDetail */
        ConsoleCertDetail: {
            /** Id */
            id: string;
            /** Serial Hex */
            serial_hex: string | null;
            /**
             * Subject Cn
             * @description masked: the CN is the holder's name
             */
            subject_cn: string;
            /**
             * Kind
             * @description personal | company
             */
            kind: string;
            /** Holder Name Masked */
            holder_name_masked: string;
            /** Org Name */
            org_name?: string | null;
            /** Status */
            status: string;
            /** Not Before */
            not_before: string | null;
            /** Not After */
            not_after: string | null;
            /**
             * Ocsp Status
             * @description good | revoked | unknown
             */
            ocsp_status: string;
            /** Revoked At */
            revoked_at?: string | null;
            /** Revocation Reason */
            revocation_reason?: string | null;
            /** History */
            history: components["schemas"]["HistoryItem"][];
            /** Pem */
            pem: string | null;
        };
        /** Dashboard */
        Dashboard: {
            /** Days */
            days: number;
            /** Queues */
            queues: components["schemas"]["QueueFigure"][];
            /** Certificates */
            certificates: components["schemas"]["CertificateDay"][];
            /** Scans */
            scans: components["schemas"]["ScanDay"][];
            /** Payments */
            payments: components["schemas"]["PaymentDay"][];
        };
        /** DataCategory */
        DataCategory: {
            /** Key */
            key: string;
            /** Title */
            title: string;
            /** Description */
            description: string;
            /** Count */
            count: number;
        };
        /** DataSummary */
        DataSummary: {
            /** Categories */
            categories: components["schemas"]["DataCategory"][];
        };
        /** Decision */
        Decision: {
            /**
             * Version
             * @description The version you reviewed; a stale one is 409
             */
            version?: number | null;
        };
        /** DeviceChallenge */
        DeviceChallenge: {
            /**
             * Challenge
             * @description Sign it with the device key for one sensitive call
             */
            challenge: string;
            /** Expires In */
            expires_in: number;
        };
        /** DeviceInfo */
        DeviceInfo: {
            /** Id */
            id: string;
            /** Name */
            name?: string | null;
            /** Platform */
            platform?: string | null;
            /**
             * Public Key
             * @description The device's P-256 public key: base64url SPKI DER or a public JWK; its private half never leaves the device (docs/protocol.md section 6)
             */
            public_key: string | {
                [key: string]: unknown;
            };
            /**
             * Proof
             * @description base64url raw ECDSA signature (r ‖ s) of the login message (device id, SMS code, key) by that key
             */
            proof: string;
        };
        /** DeviceRead */
        DeviceRead: {
            /** Id */
            id: string;
            /** Device Key */
            device_key: string;
            /** Name */
            name: string | null;
            /** Platform */
            platform: string | null;
            /**
             * First Seen At
             * Format: date-time
             */
            first_seen_at: string;
            /**
             * Last Seen At
             * Format: date-time
             */
            last_seen_at: string;
            /** Current */
            current: boolean;
        };
        /**
         * Document
         * @enum {string}
         */
        Document: "user_agreement" | "privacy_policy" | "face" | "realname" | "company_documents";
        /** DocumentBrief */
        DocumentBrief: {
            /** Id */
            id: string;
            /** Kind */
            kind: string;
            /** Content Type */
            content_type: string;
            /** Size */
            size: number;
            /** Filename */
            filename: string | null;
        };
        /** DocumentRead */
        DocumentRead: {
            /** Id */
            id: string;
            /** Kind */
            kind: string;
            /** Content Type */
            content_type: string;
            /** Size */
            size: number;
            /** Filename */
            filename: string | null;
            /** Sha256 */
            sha256: string;
            /**
             * Uploaded At
             * Format: date-time
             */
            uploaded_at: string;
            /**
             * Pages
             * @description Pages to show: a PDF's page count (0: unreadable), 1 for an image
             * @default 1
             */
            pages: number;
        };
        /** DownloadRequest */
        DownloadRequest: {
            /**
             * Csr
             * @description PEM CSR for the signing key made on the device
             */
            csr: string;
            /**
             * Transport Key
             * @description One-time P-256 key: JWK, or base64url of SPKI DER or the raw point
             */
            transport_key: {
                [key: string]: unknown;
            } | string;
            /**
             * Password
             * @description New certificate password
             */
            password?: string | null;
            /**
             * Prehash
             * @description base64url pre-hash of the current password (renewal, change, and a retry of a download with the same CSR)
             */
            prehash?: string | null;
        };
        /** DownloadResponse */
        DownloadResponse: {
            certificate: components["schemas"]["CertRead"];
            /** Signing Cert */
            signing_cert: string;
            /** Encryption Cert */
            encryption_cert: string;
            /** Chain */
            chain: string;
            /** Sealed Encryption Key */
            sealed_encryption_key: {
                [key: string]: unknown;
            };
            /** Sealed Server Share */
            sealed_server_share: {
                [key: string]: unknown;
            };
            /** Prehash */
            prehash: {
                [key: string]: unknown;
            };
        };
        /** EligibleCert */
        EligibleCert: {
            /** Certificate */
            certificate: {
                [key: string]: unknown;
            };
            /** Eligible */
            eligible: boolean;
            /** Reason */
            reason: string | null;
            /** Reason Message */
            reason_message: string | null;
            /**
             * Prehash
             * @description An eligible certificate's password pre-hash parameters (alg, salt, iterations), so the phone needs no getPrehashParams call before prepareScan
             */
            prehash?: {
                [key: string]: unknown;
            } | null;
        };
        /**
         * ErrorBody
         * @description Every error answer of the API (``mcert.http.errors``).
         */
        ErrorBody: {
            error: components["schemas"]["ErrorDetail"];
        };
        /** ErrorDetail */
        ErrorDetail: {
            /**
             * Code
             * @description Stable machine-readable code, e.g. `cert_locked`
             */
            code: string;
            /**
             * Message
             * @description Human-readable, in Chinese where a holder reads it
             */
            message: string;
            /**
             * Details
             * @description Only some codes: e.g. `fields` (422), `max_bytes` (413)
             * @default null
             */
            details: {
                [key: string]: unknown;
            } | null;
        };
        /**
         * Extracted
         * @description What the reviewer checks against the licence, with the USCC's check digit verified.
         */
        Extracted: {
            /** Company Name */
            company_name: string | null;
            /** Uscc */
            uscc: string | null;
            /**
             * Uscc Valid
             * @description GB 32100 format and check character
             */
            uscc_valid: boolean | null;
            /** Legal Rep */
            legal_rep: string | null;
        };
        /** FaceCheckRead */
        FaceCheckRead: {
            /** Face Check Id */
            face_check_id: string;
            /** Expires In Seconds */
            expires_in_seconds: number;
        };
        /** HistoryItem */
        HistoryItem: {
            /** Id */
            id: string;
            /** Serial Hex */
            serial_hex: string | null;
            /**
             * Action
             * @description issued | renewed | reissued | changed
             */
            action: string;
            /**
             * At
             * Format: date-time
             */
            at: string;
        };
        /** HolderCompany */
        HolderCompany: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Uscc */
            uscc: string;
            /** Role */
            role: string;
            /** Status */
            status: string;
        };
        /** HolderDetail */
        HolderDetail: {
            /** Id */
            id: string;
            /** Name Masked */
            name_masked: string | null;
            /** Phone Masked */
            phone_masked: string;
            /** Id Number Masked */
            id_number_masked: string | null;
            /**
             * Realname Status
             * @description verified | unverified
             */
            realname_status: string;
            /** Status */
            status: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Certificates */
            certificates: components["schemas"]["mcert__lookup__schemas__CertRow"][];
            /** Orders */
            orders: components["schemas"]["OrderRow"][];
            /** Companies */
            companies: components["schemas"]["HolderCompany"][];
        };
        /** HolderRow */
        HolderRow: {
            /** Id */
            id: string;
            /** Name Masked */
            name_masked: string | null;
            /** Phone Masked */
            phone_masked: string;
            /** Id Number Masked */
            id_number_masked: string | null;
            /**
             * Realname Status
             * @description verified | unverified
             */
            realname_status: string;
            /** Status */
            status: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** InvoiceApply */
        InvoiceApply: {
            /** Order Ids */
            order_ids: string[];
            /** Title Id */
            title_id: string;
            /**
             * Kind
             * @description normal = 数电票（普通发票）; special = 专用发票 (company titles only)
             * @default normal
             */
            kind: string;
            /** Email */
            email?: string | null;
        };
        /** InvoiceConsoleRead */
        InvoiceConsoleRead: {
            /** Id */
            id: string;
            /** Kind */
            kind: string;
            /** Kind Label */
            kind_label: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            /** Amount Fen */
            amount_fen: number;
            /**
             * Amount
             * @description yuan, two decimals
             */
            amount: string;
            /** Amount Capitals */
            amount_capitals: string;
            /** Buyer Kind */
            buyer_kind: string;
            /** Buyer Name */
            buyer_name: string;
            /** Buyer Tax No */
            buyer_tax_no: string | null;
            /** Email */
            email: string | null;
            /** Failure Reason */
            failure_reason: string | null;
            /** Invoice No */
            invoice_no: string | null;
            /** Red Invoice No */
            red_invoice_no: string | null;
            /** Reverse Reason */
            reverse_reason: string | null;
            /** Void Reason */
            void_reason: string | null;
            /** Orders */
            orders: components["schemas"]["InvoiceOrderRead"][];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Issued At */
            issued_at: string | null;
            /** Reversed At */
            reversed_at: string | null;
            /** User Id */
            user_id: string;
            /** Provider */
            provider: string;
            /** Attempt */
            attempt: number;
        };
        /** InvoiceOrderRead */
        InvoiceOrderRead: {
            /** Order Id */
            order_id: string;
            /** Order No */
            order_no: string;
            /** Amount Fen */
            amount_fen: number;
            /** Description */
            description: string;
        };
        /** InvoiceRead */
        InvoiceRead: {
            /** Id */
            id: string;
            /** Kind */
            kind: string;
            /** Kind Label */
            kind_label: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            /** Amount Fen */
            amount_fen: number;
            /**
             * Amount
             * @description yuan, two decimals
             */
            amount: string;
            /** Amount Capitals */
            amount_capitals: string;
            /** Buyer Kind */
            buyer_kind: string;
            /** Buyer Name */
            buyer_name: string;
            /** Buyer Tax No */
            buyer_tax_no: string | null;
            /** Email */
            email: string | null;
            /** Failure Reason */
            failure_reason: string | null;
            /** Invoice No */
            invoice_no: string | null;
            /** Red Invoice No */
            red_invoice_no: string | null;
            /** Reverse Reason */
            reverse_reason: string | null;
            /** Void Reason */
            void_reason: string | null;
            /** Orders */
            orders: components["schemas"]["InvoiceOrderRead"][];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Issued At */
            issued_at: string | null;
            /** Reversed At */
            reversed_at: string | null;
        };
        /** InvoiceResend */
        InvoiceResend: {
            /**
             * Email
             * @description default: the invoice's email
             */
            email?: string | null;
        };
        /** IssuedRead */
        IssuedRead: {
            /** Serial */
            serial: string;
            /** Subject */
            subject: string;
            /**
             * Not Before
             * Format: date-time
             */
            not_before: string;
            /**
             * Not After
             * Format: date-time
             */
            not_after: string;
            /** Status */
            status: string;
            /** Revocation Reason */
            revocation_reason: string | null;
            /** Fingerprint */
            fingerprint: string;
        };
        /** LoginRequest */
        LoginRequest: {
            /** Phone */
            phone: string;
            /**
             * Code
             * @description The 6-digit SMS code
             */
            code: string;
            device: components["schemas"]["DeviceInfo"];
            /** @description The 用户协议 and 隐私政策 versions the holder agreed to (listAgreements); missing or not current: 403 `agreement_required`, nothing is created */
            agreements?: components["schemas"]["AgreedVersions"] | null;
        };
        /** MeRead */
        MeRead: {
            user: components["schemas"]["UserRead"];
            /** Devices */
            devices: components["schemas"]["DeviceRead"][];
        };
        /** MemberCertRead */
        MemberCertRead: {
            /** Id */
            id: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            /** Subject Org */
            subject_org: string | null;
            /** Not After */
            not_after: string | null;
        };
        /**
         * MemberInvite
         * @description 单位成员授权: who, as what; optionally prepaid by the inviting admin.
         */
        MemberInvite: {
            /**
             * Name
             * @description The person's real name (姓名)
             */
            name: string;
            /**
             * Id Number
             * @description Resident ID number (身份证号), GB 11643
             */
            id_number: string;
            /**
             * Phone
             * @description Mobile number: the person logs in with it to claim
             */
            phone: string;
            /** @description `user` 证书使用人 or `admin` 证书管理员 */
            role: components["schemas"]["MemberRole"];
            /**
             * Prepay Years
             * @description Prepay the member's certificate for this many years: an order of kind `prepay` for the inviting admin to pay (the member's claim is then free). Omitted: the member pays when claiming.
             */
            prepay_years?: number | null;
        };
        /** MemberPage */
        MemberPage: {
            /** Items */
            items: components["schemas"]["MemberRead"][];
            /** Total */
            total: number;
        };
        /** MemberRead */
        MemberRead: {
            /** Id */
            id: string;
            /** Name Masked */
            name_masked: string | null;
            /** Phone Masked */
            phone_masked: string;
            /** Id Number Masked */
            id_number_masked: string | null;
            role: components["schemas"]["MemberRole"];
            /** Role Label */
            role_label: string;
            status: components["schemas"]["MemberStatus"];
            /**
             * Status Label
             * @description 待申领 / 已授权 / 已取消授权
             */
            status_label: string;
            /** Is Me */
            is_me: boolean;
            /** Invited By Masked */
            invited_by_masked: string | null;
            /** Invited At */
            invited_at: string | null;
            /** Joined At */
            joined_at: string | null;
            /** Revoked At */
            revoked_at: string | null;
            /**
             * Last Used At
             * @description The member's last scan with this company
             */
            last_used_at: string | null;
            /** Certificates */
            certificates: components["schemas"]["MemberCertRead"][];
            /** @description The admin's prepayment, until it is used */
            prepay: components["schemas"]["PrepayRead"] | null;
        };
        /**
         * MemberRole
         * @enum {string}
         */
        MemberRole: "admin" | "user";
        /**
         * MemberStatus
         * @enum {string}
         */
        MemberStatus: "invited" | "active" | "revoked";
        /** MessagePage */
        MessagePage: {
            /** Items */
            items: components["schemas"]["MessageRead"][];
            /** Total */
            total: number;
            /** Unread */
            unread: number;
        };
        /** MessageRead */
        MessageRead: {
            /** Id */
            id: string;
            /** Kind */
            kind: string;
            /** Title */
            title: string;
            /** Body */
            body: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Read */
            read: boolean;
        };
        /** NameChange */
        NameChange: {
            /** Old Name */
            old_name: string;
            /** New Name */
            new_name: string;
            /**
             * Changed At
             * Format: date-time
             */
            changed_at: string;
        };
        /** NameChangeRead */
        NameChangeRead: {
            /** Old Name */
            old_name: string;
            /** New Name */
            new_name: string;
            /**
             * Changed At
             * Format: date-time
             */
            changed_at: string;
        };
        /** NoticeRead */
        NoticeRead: {
            /**
             * Document
             * @description user_agreement | privacy_policy | face | realname | company_documents
             */
            document: string;
            /** Title */
            title: string;
            /** Version */
            version: string;
            /**
             * Content
             * @description Markdown; render it escaped (no raw HTML)
             */
            content: string;
            /** Purpose */
            purpose?: string | null;
            /** Retention */
            retention?: string | null;
            /** Recipients */
            recipients?: string | null;
        };
        /**
         * Operation
         * @enum {string}
         */
        Operation: "login" | "sign" | "decrypt";
        /** OperatorCreate */
        OperatorCreate: {
            /** Username */
            username: string;
            /** Display Name */
            display_name: string;
            /** Role */
            role: string;
            /** Password */
            password: string;
        };
        /** OperatorInfo */
        OperatorInfo: {
            /** Id */
            id: string;
            /** Username */
            username: string;
            /** Display Name */
            display_name: string;
            /** Role */
            role: string;
            /** Role Label */
            role_label: string;
            /** Permissions */
            permissions: string[];
        };
        /** OperatorLogin */
        OperatorLogin: {
            /** Username */
            username: string;
            /** Password */
            password: string;
            /**
             * Totp Code
             * @description 6 digits
             */
            totp_code?: string | null;
        };
        /** OperatorRef */
        OperatorRef: {
            /** Id */
            id: string;
            /** Display Name */
            display_name: string;
        };
        /** OperatorRow */
        OperatorRow: {
            /** Id */
            id: string;
            /** Username */
            username: string;
            /** Display Name */
            display_name: string;
            /** Role */
            role: string;
            /** Role Label */
            role_label: string;
            /** Totp Enrolled */
            totp_enrolled: boolean;
            /** Disabled */
            disabled: boolean;
            /** Last Login At */
            last_login_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** OrderDetail */
        OrderDetail: {
            /** Id */
            id: string;
            /** Order No */
            order_no: string;
            /** Kind */
            kind: string;
            /** Cert Type */
            cert_type: string;
            /** Status */
            status: string;
            /** Amount Fen */
            amount_fen: number;
            /** Holder Id */
            holder_id: string;
            /** Holder Name Masked */
            holder_name_masked: string | null;
            /** Company Name */
            company_name: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Paid At */
            paid_at: string | null;
            /** Uscc */
            uscc: string | null;
            /** Years */
            years: number;
            /** Reject Reason */
            reject_reason: string | null;
            /** Submitted At */
            submitted_at: string | null;
            /** Reviewed At */
            reviewed_at: string | null;
            /** Closed At */
            closed_at: string | null;
            /** Payments */
            payments: components["schemas"]["PaymentRow"][];
            /** Refunds */
            refunds: components["schemas"]["RefundRow"][];
        };
        /** OrderInvoiceState */
        OrderInvoiceState: {
            /** Order Id */
            order_id: string;
            /** Invoice Id */
            invoice_id: string | null;
            /** Status */
            status: string | null;
        };
        /** OrderPage */
        OrderPage: {
            /** Items */
            items: components["schemas"]["OrderRead"][];
            /** Total */
            total: number;
        };
        /** OrderRead */
        OrderRead: {
            /** Id */
            id: string;
            /** Order No */
            order_no: string;
            /** Kind */
            kind: string;
            /** Label */
            label: string;
            /** Cert Type */
            cert_type: string;
            /** Years */
            years: number;
            /** Amount Fen */
            amount_fen: number;
            /** Amount Yuan */
            amount_yuan: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            /** Company Name */
            company_name: string | null;
            /** Uscc */
            uscc: string | null;
            /** Reject Reason */
            reject_reason: string | null;
            /** Pay Deadline */
            pay_deadline: string | null;
            /** Paid At */
            paid_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Target Cert Id */
            target_cert_id: string | null;
            /**
             * Documents
             * @default []
             */
            documents: components["schemas"]["DocumentBrief"][];
            /**
             * Refund Status
             * @description The newest refund's status, when money was refunded
             */
            refund_status?: string | null;
            /**
             * Refund Label
             * @description 退款中 / 已退款 / 退款失败
             */
            refund_label?: string | null;
            /**
             * Payments
             * @description Payment attempts, oldest first (one order's detail only)
             * @default []
             */
            payments: components["schemas"]["PaymentRead"][];
            /**
             * Refunds
             * @description Refunds (one order's detail only)
             * @default []
             */
            refunds: components["schemas"]["RefundRead"][];
        };
        /** OrderRow */
        OrderRow: {
            /** Id */
            id: string;
            /** Order No */
            order_no: string;
            /** Kind */
            kind: string;
            /** Cert Type */
            cert_type: string;
            /** Status */
            status: string;
            /** Amount Fen */
            amount_fen: number;
            /** Holder Id */
            holder_id: string;
            /** Holder Name Masked */
            holder_name_masked: string | null;
            /** Company Name */
            company_name: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Paid At */
            paid_at: string | null;
        };
        /**
         * OrderStatus
         * @enum {string}
         */
        OrderStatus: "pending_review" | "rejected" | "pending_payment" | "completed" | "cancelled" | "closed";
        /** PasswordChange */
        PasswordChange: {
            /** Old Prehash */
            old_prehash: string;
            /** New Password */
            new_password: string;
        };
        /** PasswordReset */
        PasswordReset: {
            /** Face Check Id */
            face_check_id: string;
            /** New Password */
            new_password: string;
        };
        /** PayStart */
        PayStart: {
            /** Cashier Url */
            cashier_url: string;
        };
        /** PaymentDay */
        PaymentDay: {
            /** Day */
            day: string;
            /** Count */
            count: number;
            /** Amount Fen */
            amount_fen: number;
            /** Refunded Fen */
            refunded_fen: number;
        };
        /**
         * PaymentRead
         * @description One payment attempt (支付记录): one gateway trade.
         */
        PaymentRead: {
            /** Seq */
            seq: number;
            /** Out Trade No */
            out_trade_no: string;
            /** Trade No */
            trade_no: string | null;
            /** Amount Yuan */
            amount_yuan: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Paid At */
            paid_at: string | null;
        };
        /** PaymentRow */
        PaymentRow: {
            /** Id */
            id: string;
            /** Seq */
            seq: number;
            /** Out Trade No */
            out_trade_no: string;
            /** Trade No */
            trade_no: string | null;
            /** Amount Fen */
            amount_fen: number;
            /** Status */
            status: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Paid At */
            paid_at: string | null;
            /** Closed At */
            closed_at: string | null;
        };
        /** PersonalApply */
        PersonalApply: {
            /** Years */
            years: number;
        };
        /** PhoneStart */
        PhoneStart: {
            /** Name */
            name: string;
            /** Id Number */
            id_number: string;
        };
        /** PrepareRequest */
        PrepareRequest: {
            /** Cert Id */
            cert_id: string;
            /** Prehash */
            prehash: string;
            /** Transport Key */
            transport_key: {
                [key: string]: unknown;
            } | string;
            /**
             * Seal Id
             * @description seal: the chosen seal
             */
            seal_id?: string | null;
        };
        /** PrepareResponse */
        PrepareResponse: {
            /** Sealed Server Share */
            sealed_server_share: {
                [key: string]: unknown;
            };
            /** Task */
            task: {
                [key: string]: unknown;
            };
        };
        /** PrepayRead */
        PrepayRead: {
            /** Order Id */
            order_id: string;
            /** Order No */
            order_no: string;
            /** Years */
            years: number;
            /** Amount Yuan */
            amount_yuan: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
        };
        /** PriceRead */
        PriceRead: {
            /** Personal */
            personal: {
                [key: string]: number;
            };
            /** Org */
            org: {
                [key: string]: number;
            };
            /** Renewal Personal */
            renewal_personal: {
                [key: string]: number;
            };
            /** Renewal Org */
            renewal_org: {
                [key: string]: number;
            };
            /** Change */
            change: number;
            /** Reissue */
            reissue: number;
            /**
             * Seal
             * @description An electronic seal (MCERT_SEAL_PRICE_FEN); 0: seals are free
             * @default 0
             */
            seal: number;
        };
        /** PrivacyRequestRead */
        PrivacyRequestRead: {
            /** Id */
            id: string;
            /** User Id */
            user_id: string;
            /** Kind */
            kind: string;
            /** Kind Label */
            kind_label: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            /** Format */
            format: string | null;
            /**
             * Requested At
             * Format: date-time
             */
            requested_at: string;
            /** Due At */
            due_at: string | null;
            /** Withdrawn At */
            withdrawn_at: string | null;
            /** Completed At */
            completed_at: string | null;
            /** Outcome */
            outcome: {
                [key: string]: unknown;
            } | null;
        };
        /** QueueCount */
        QueueCount: {
            /** Kind */
            kind: string;
            /** Label */
            label: string;
            /** Count */
            count: number;
            /** Oldest Age Seconds */
            oldest_age_seconds: number | null;
            /**
             * Overdue
             * @description Items past the kind's service level
             */
            overdue: number;
        };
        /** QueueFigure */
        QueueFigure: {
            /** Kind */
            kind: string;
            /** Label */
            label: string;
            /** Count */
            count: number;
            /** Oldest Age Seconds */
            oldest_age_seconds: number | null;
            /** Overdue */
            overdue: number;
        };
        /** QueueItem */
        QueueItem: {
            /** Kind */
            kind: string;
            /** Id */
            id: string;
            /** Title */
            title: string;
            /** Subject Name */
            subject_name: string | null;
            /**
             * Submitted At
             * Format: date-time
             */
            submitted_at: string;
            /** Age Seconds */
            age_seconds: number;
            /** Sla Seconds */
            sla_seconds: number;
            /** Overdue */
            overdue: boolean;
            claimed_by?: components["schemas"]["OperatorRef"] | null;
            /** Claim Expires At */
            claim_expires_at?: string | null;
        };
        /** Queues */
        Queues: {
            /** Kinds */
            kinds: components["schemas"]["QueueCount"][];
        };
        /** RealnameStatus */
        RealnameStatus: {
            /** Verified */
            verified: boolean;
            /** Name Masked */
            name_masked?: string | null;
            /** Id Number Masked */
            id_number_masked?: string | null;
            /** Method */
            method?: string | null;
            /** Verified At */
            verified_at?: string | null;
        };
        /** RefreshRequest */
        RefreshRequest: {
            /** Refresh Token */
            refresh_token: string;
        };
        /** RefundRead */
        RefundRead: {
            /** Out Request No */
            out_request_no: string;
            /** Amount Yuan */
            amount_yuan: string;
            /** Reason */
            reason: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            /**
             * Requested At
             * Format: date-time
             */
            requested_at: string;
            /** Refunded At */
            refunded_at: string | null;
        };
        /** RefundRow */
        RefundRow: {
            /** Id */
            id: string;
            /** Attempt Id */
            attempt_id: string;
            /** Out Request No */
            out_request_no: string;
            /** Amount Fen */
            amount_fen: number;
            /** Reason */
            reason: string;
            /** Status */
            status: string;
            /** Failure */
            failure: string | null;
            /**
             * Requested At
             * Format: date-time
             */
            requested_at: string;
            /** Refunded At */
            refunded_at: string | null;
        };
        /** ReissueRequest */
        ReissueRequest: {
            /** Face Check Id */
            face_check_id: string;
        };
        /** RejectionReason */
        RejectionReason: {
            /** Code */
            code: string;
            /** Text */
            text: string;
        };
        /** RenewalRequest */
        RenewalRequest: {
            /** Years */
            years: number;
            /** Prehash */
            prehash: string;
        };
        /** ReviewDetail */
        ReviewDetail: {
            /** Id */
            id: string;
            /** Order No */
            order_no: string;
            /** Kind */
            kind: string;
            /** Label */
            label: string;
            /** Cert Type */
            cert_type: string;
            /** Status */
            status: string;
            /** Version */
            version: number;
            /** Company Name */
            company_name: string | null;
            /** Uscc */
            uscc: string | null;
            /** Submitted At */
            submitted_at: string | null;
            /** Reject Reason */
            reject_reason: string | null;
            /** Legal Rep Name */
            legal_rep_name: string | null;
            /** Applicant Is Legal Rep */
            applicant_is_legal_rep: boolean | null;
            /** Applicant Name Masked */
            applicant_name_masked: string | null;
            /** Documents */
            documents: components["schemas"]["DocumentRead"][];
            /** Years */
            years: number;
            /** Amount Fen */
            amount_fen: number;
            extracted: components["schemas"]["Extracted"];
        };
        /** ReviewItem */
        ReviewItem: {
            /** Id */
            id: string;
            /** Order No */
            order_no: string;
            /** Kind */
            kind: string;
            /** Label */
            label: string;
            /** Cert Type */
            cert_type: string;
            /** Status */
            status: string;
            /** Version */
            version: number;
            /** Company Name */
            company_name: string | null;
            /** Uscc */
            uscc: string | null;
            /** Submitted At */
            submitted_at: string | null;
            /** Reject Reason */
            reject_reason: string | null;
        };
        /** RevokeBody */
        RevokeBody: {
            /**
             * Reason
             * @description an RFC 5280 reason (RevocationReason)
             */
            reason: string;
            /** Note */
            note?: string | null;
        };
        /** RpCreate */
        RpCreate: {
            /** Name */
            name: string;
            /** Callback Url */
            callback_url?: string | null;
            /** Operations */
            operations: string[];
        };
        /** RpCreated */
        RpCreated: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** App Id */
            app_id: string;
            /** Enabled */
            enabled: boolean;
            /** Operations */
            operations: string[];
            /** Callback Url */
            callback_url: string | null;
            /** @description successful uses in the last 30 days */
            usage_30d: components["schemas"]["RpUsage"];
            /**
             * Secret
             * @description shown once
             */
            secret: string;
        };
        /** RpPatch */
        RpPatch: {
            /** Enabled */
            enabled?: boolean | null;
            /** Operations */
            operations?: string[] | null;
            /** Callback Url */
            callback_url?: string | null;
        };
        /** RpRow */
        RpRow: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** App Id */
            app_id: string;
            /** Enabled */
            enabled: boolean;
            /** Operations */
            operations: string[];
            /** Callback Url */
            callback_url: string | null;
            /** @description successful uses in the last 30 days */
            usage_30d: components["schemas"]["RpUsage"];
        };
        /** RpUsage */
        RpUsage: {
            /**
             * Login
             * @default 0
             */
            login: number;
            /**
             * Sign
             * @default 0
             */
            sign: number;
            /**
             * Decrypt
             * @default 0
             */
            decrypt: number;
            /**
             * Seal
             * @default 0
             */
            seal: number;
        };
        /** SMSCodeRequest */
        SMSCodeRequest: {
            /**
             * Phone
             * @description Mainland mobile number as typed: +86/0086, spaces, dashes, full-width
             */
            phone: string;
        };
        /** SMSCodeSent */
        SMSCodeSent: {
            /**
             * Sent
             * @default true
             */
            sent: boolean;
            /** Resend After Seconds */
            resend_after_seconds: number;
            /** Expires In Seconds */
            expires_in_seconds: number;
        };
        /** SMSConfirm */
        SMSConfirm: {
            /**
             * Code
             * @description The 6-digit SMS code
             */
            code: string;
        };
        /** ScanDay */
        ScanDay: {
            /** Day */
            day: string;
            /** Completed */
            completed: number;
            /** Rejected */
            rejected: number;
            /** Expired */
            expired: number;
            /** Failed */
            failed: number;
        };
        /** ScanRequest */
        ScanRequest: {
            /**
             * Qr
             * @description The scanned QR text (an mCert /q/ URL)
             */
            qr: string;
        };
        /** ScanView */
        ScanView: {
            /** Session Id */
            session_id: string;
            /** Type */
            type: string;
            /** Type Label */
            type_label: string;
            /** Rp Name */
            rp_name: string;
            /** Display Text */
            display_text: string;
            /** Documents */
            documents: string[];
            /**
             * Document
             * @description seal: label, sha256, page_count, placements, seal_kinds, thumbnails
             */
            document?: {
                [key: string]: unknown;
            } | null;
            /**
             * Seals
             * @description seal: this phone's claimed seals of the kinds asked for (id, seal_type, name, cert_id)
             */
            seals?: {
                [key: string]: unknown;
            }[];
            /** Finish Deadline */
            finish_deadline: string | null;
            /** Certificates */
            certificates: components["schemas"]["EligibleCert"][];
        };
        /** SealClaimed */
        SealClaimed: {
            seal: components["schemas"]["SealRead"];
            /**
             * Seseal
             * @description base64url DER of the signed GB/T 38540 SESeal
             */
            seseal: string;
        };
        /**
         * SealOrder
         * @description The order paying for a priced seal: 去支付 opens it (``/orders/{id}``, the cashier).
         */
        SealOrder: {
            /** Id */
            id: string;
            /** Order No */
            order_no: string;
            /** Amount Fen */
            amount_fen: number;
            /** Amount Yuan */
            amount_yuan: string;
            /**
             * Status
             * @description The order's status: pending_payment | completed | …
             */
            status: string;
            /** Status Label */
            status_label: string;
            /** Pay Deadline */
            pay_deadline: string | null;
        };
        /** SealRead */
        SealRead: {
            /** Id */
            id: string;
            /** Seal Type */
            seal_type: string;
            /** Type Label */
            type_label: string;
            /**
             * Group
             * @description company | personal (企业章 / 个人章)
             */
            group: string;
            /** Name */
            name: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            /** Reject Reason */
            reject_reason: string | null;
            /** Void Reason */
            void_reason: string | null;
            /** Cert Id */
            cert_id: string;
            /** Cert Status */
            cert_status: string;
            /** Es Id */
            es_id: string;
            /** Image Width */
            image_width: number;
            /** Image Height */
            image_height: number;
            /** Width Mm */
            width_mm: number;
            /** Height Mm */
            height_mm: number;
            /** Price Fen */
            price_fen: number;
            /** @description The order paying for the seal when seals cost money (status `unpaid`, 待支付: pay it to send the seal to review); null for a free seal */
            order: components["schemas"]["SealOrder"] | null;
            /**
             * Valid End
             * @description The bound certificate's expiry once approved
             */
            valid_end: string | null;
            /** Claimable */
            claimable: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Reviewed At */
            reviewed_at: string | null;
            /** Claimed At */
            claimed_at: string | null;
            /** Voided At */
            voided_at: string | null;
        };
        /** SealReviewDetail */
        SealReviewDetail: {
            /** Id */
            id: string;
            /** Seal Type */
            seal_type: string;
            /** Type Label */
            type_label: string;
            /** Name */
            name: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            /** Company */
            company: string | null;
            /** Holder Name Masked */
            holder_name_masked: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Reject Reason */
            reject_reason: string | null;
            /** Void Reason */
            void_reason: string | null;
            /** Uscc */
            uscc: string | null;
            /** Holder Phone Masked */
            holder_phone_masked: string | null;
            /** Cert Id */
            cert_id: string;
            /** Cert Subject */
            cert_subject: string;
            /** Cert Serial */
            cert_serial: string | null;
            /** Cert Status */
            cert_status: string;
            /** Cert Status Label */
            cert_status_label: string;
            /** Cert Not After */
            cert_not_after: string | null;
            /** Original Type */
            original_type: string;
            /** Original Url */
            original_url: string;
            /** Extracted Url */
            extracted_url: string;
            /** Has Strokes */
            has_strokes: boolean;
            /** Reviewed At */
            reviewed_at: string | null;
        };
        /** SealReviewItem */
        SealReviewItem: {
            /** Id */
            id: string;
            /** Seal Type */
            seal_type: string;
            /** Type Label */
            type_label: string;
            /** Name */
            name: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            /** Company */
            company: string | null;
            /** Holder Name Masked */
            holder_name_masked: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** SecretRead */
        SecretRead: {
            /** Secret */
            secret: string;
        };
        /** SessionCreated */
        SessionCreated: {
            /** Session Id */
            session_id: string;
            /** Start Token */
            start_token: string;
            /**
             * Qr Secret
             * @description Keep on the RP backend; never send it to a browser
             */
            qr_secret: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Scan Deadline
             * Format: date-time
             */
            scan_deadline: string;
        };
        /** SessionStatus */
        SessionStatus: {
            /** Session Id */
            session_id: string;
            /** Type */
            type: string;
            /** Status */
            status: string;
            /** Hint */
            hint: string | null;
            /** Reason */
            reason: string | null;
            /** Result */
            result: {
                [key: string]: unknown;
            } | null;
            /** Completed At */
            completed_at: string | null;
            /**
             * Selection
             * @description seal, pending: the certificate, chain and seal the holder chose; the RP prepares the PDF for them and submits the digest
             */
            selection?: {
                [key: string]: unknown;
            } | null;
        };
        /** TitleCreate */
        TitleCreate: {
            /**
             * Kind
             * @description personal | company
             */
            kind: string;
            /** Name */
            name: string;
            /**
             * Tax No
             * @description company: 纳税人识别号 (统一社会信用代码)
             */
            tax_no?: string | null;
            /** Address */
            address?: string | null;
            /** Phone */
            phone?: string | null;
            /** Bank */
            bank?: string | null;
            /** Bank Account */
            bank_account?: string | null;
        };
        /** TitleList */
        TitleList: {
            /** Titles */
            titles: components["schemas"]["TitleRead"][];
            /** Suggestions */
            suggestions: components["schemas"]["TitleSuggestion"][];
        };
        /** TitleRead */
        TitleRead: {
            /** Id */
            id: string;
            /** Kind */
            kind: string;
            /** Name */
            name: string;
            /** Tax No */
            tax_no: string | null;
            /** Address */
            address: string | null;
            /** Phone */
            phone: string | null;
            /** Bank */
            bank: string | null;
            /** Bank Account */
            bank_account: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /**
         * TitleSuggestion
         * @description A verified company of the holder, offered first as a company title.
         */
        TitleSuggestion: {
            /** Name */
            name: string;
            /** Tax No */
            tax_no: string;
        };
        /** TokenPair */
        TokenPair: {
            /** Access Token */
            access_token: string;
            /** Refresh Token */
            refresh_token: string;
            /**
             * Token Type
             * @default Bearer
             */
            token_type: string;
            /** Expires In */
            expires_in: number;
        };
        /** TotpEnrol */
        TotpEnrol: {
            /** Enrolment Token */
            enrolment_token: string;
            /** Code */
            code: string;
        };
        /** UnlockRequest */
        UnlockRequest: {
            /** Prehash */
            prehash: string;
            /**
             * Transport Key
             * @description One-time P-256 key: JWK, or base64url of SPKI DER or the raw point
             */
            transport_key: {
                [key: string]: unknown;
            } | string;
            /**
             * Purpose
             * @default use
             */
            purpose: string;
        };
        /** UnlockResponse */
        UnlockResponse: {
            /** Sealed Server Share */
            sealed_server_share: {
                [key: string]: unknown;
            };
        };
        /** UnmaskRequest */
        UnmaskRequest: {
            /** Fields */
            fields: ("name" | "phone" | "id_number")[];
            /**
             * Reason
             * @description Why you need to see it (required; kept in the audit log)
             */
            reason: string;
        };
        /** Unmasked */
        Unmasked: {
            /** Name */
            name?: string | null;
            /** Phone */
            phone?: string | null;
            /** Id Number */
            id_number?: string | null;
        };
        /** UsagePage */
        UsagePage: {
            /** Items */
            items: components["schemas"]["UsageRead"][];
            /** Total */
            total: number;
        };
        /** UsageRead */
        UsageRead: {
            /** Id */
            id: string;
            /** Operation */
            operation: string;
            /**
             * Operation Label
             * @description 登录 / 签章 / 解密
             */
            operation_label: string;
            /**
             * Holder Name
             * @description 使用者: the certificate's holder (its CN)
             */
            holder_name: string;
            /**
             * Member Id
             * @description Company scope: the member (filter `member_id` with it)
             */
            member_id?: string | null;
            /** Cert Serial */
            cert_serial: string | null;
            /** Rp Name */
            rp_name: string;
            /**
             * Result
             * @description `success`, or the reason the session failed
             */
            result: string;
            /** Result Label */
            result_label: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** UsageRow */
        UsageRow: {
            /** Id */
            id: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Holder Id */
            holder_id: string;
            /** Holder Name Masked */
            holder_name_masked: string;
            /** Org Id */
            org_id: string | null;
            /** Certificate Id */
            certificate_id: string | null;
            /** Cert Serial */
            cert_serial: string | null;
            /** Rp Id */
            rp_id: string;
            /** Rp Name */
            rp_name: string;
            /** Operation */
            operation: string;
            /** Result */
            result: string;
            /** Session Id */
            session_id: string;
        };
        /**
         * UsageScope
         * @enum {string}
         */
        UsageScope: "mine" | "company";
        /** UserRead */
        UserRead: {
            /** Id */
            id: string;
            /** Phone Masked */
            phone_masked: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Last Login At */
            last_login_at: string | null;
        };
        /** VoidRequest */
        VoidRequest: {
            /** Reason */
            reason: string;
        };
        /** LoginResult */
        mcert__account__schemas__LoginResult: {
            /** Access Token */
            access_token: string;
            /** Refresh Token */
            refresh_token: string;
            /**
             * Token Type
             * @default Bearer
             */
            token_type: string;
            /** Expires In */
            expires_in: number;
            /** Is New User */
            is_new_user: boolean;
            user: components["schemas"]["UserRead"];
        };
        /** CertRow */
        mcert__cert__schemas__CertRow: {
            /** Id */
            id: string;
            /** Serial Hex */
            serial_hex: string | null;
            /**
             * Subject Cn
             * @description masked: the CN is the holder's name
             */
            subject_cn: string;
            /**
             * Kind
             * @description personal | company
             */
            kind: string;
            /** Holder Name Masked */
            holder_name_masked: string;
            /** Org Name */
            org_name?: string | null;
            /** Status */
            status: string;
            /** Not Before */
            not_before: string | null;
            /** Not After */
            not_after: string | null;
        };
        /** ClaimRequest */
        mcert__company__schemas__ClaimRequest: {
            /**
             * Face Check Id
             * @description A fresh passed face check (POST /face-checks)
             */
            face_check_id: string;
            /**
             * Years
             * @description Ignored when the admin prepaid
             * @default 1
             */
            years: number;
        };
        /** RoleChange */
        mcert__company__schemas__RoleChange: {
            role: components["schemas"]["MemberRole"];
        };
        /** CertRow */
        mcert__lookup__schemas__CertRow: {
            /** Id */
            id: string;
            /** Serial Hex */
            serial_hex: string | null;
            /**
             * Subject Cn
             * @description Masked (a person's name)
             */
            subject_cn: string;
            /** Holder Name Masked */
            holder_name_masked: string;
            /**
             * Kind
             * @description personal | company
             */
            kind: string;
            /** Org Id */
            org_id: string | null;
            /** Org Name */
            org_name: string | null;
            /** Status */
            status: string;
            /** Not Before */
            not_before: string | null;
            /** Not After */
            not_after: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** LoginResult */
        mcert__operator__schemas__LoginResult: {
            /**
             * Status
             * @description ok | totp_required | enrol
             */
            status: string;
            /** Token */
            token?: string | null;
            /**
             * Access Token
             * @description the same as `token`
             */
            access_token?: string | null;
            /**
             * Token Type
             * @default Bearer
             */
            token_type: string;
            /** Expires At */
            expires_at?: string | null;
            operator?: components["schemas"]["OperatorInfo"] | null;
            /** Enrolment Token */
            enrolment_token?: string | null;
            /** Otpauth Uri */
            otpauth_uri?: string | null;
            /**
             * Qr Svg
             * @description inline SVG of otpauth_uri
             */
            qr_svg?: string | null;
            /**
             * Secret
             * @description base32, for typing in by hand
             */
            secret?: string | null;
        };
        /** RoleChange */
        mcert__operator__schemas__RoleChange: {
            /** Role */
            role: string;
        };
        /** Rejection */
        mcert__review__schemas__Rejection: {
            /**
             * Version
             * @description The version you reviewed; a stale one is 409
             */
            version?: number | null;
            /**
             * Reason Code
             * @description A standard reason (GET /rejection-reasons?kind=)
             */
            reason_code?: string | null;
            /**
             * Reason
             * @description Shown to the applicant; after the standard reason's text if both
             * @default
             */
            reason: string;
        };
        /** ClaimRequest */
        mcert__seal__schemas__ClaimRequest: {
            /**
             * Prehash
             * @description base64url pre-hash of the certificate password
             */
            prehash: string;
        };
        /** Rejection */
        mcert__seal__schemas__Rejection: {
            /**
             * Reason Code
             * @description A standard reason (GET /rejection-reasons?kind=seal)
             */
            reason_code?: string | null;
            /**
             * Reason
             * @description Your own words, after the standard one
             * @default
             */
            reason: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    scanQr: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScanRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScanView"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    prepareScan: {
        parameters: {
            query?: never;
            header?: {
                /** @description From POST /api/app/v1/device/challenge; single use */
                "X-Mcert-Device-Challenge"?: string | null;
                /** @description base64url raw ECDSA P-256 signature (r ‖ s) of the proof message */
                "X-Mcert-Device-Signature"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PrepareRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PrepareResponse"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    sealDigest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    completeScan: {
        parameters: {
            query?: never;
            header?: {
                /** @description From POST /api/app/v1/device/challenge; single use */
                "X-Mcert-Device-Challenge"?: string | null;
                /** @description base64url raw ECDSA P-256 signature (r ‖ s) of the proof message */
                "X-Mcert-Device-Signature"?: string | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompleteRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionStatus"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    rejectScan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionStatus"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listUsage: {
        parameters: {
            query?: {
                /** @description `mine`, or `company`: every member's (admins only, else 403 `usage_company_forbidden`) */
                scope?: components["schemas"]["UsageScope"];
                /** @description Company scope: which company (needed only when the caller administers several) */
                org_id?: string | null;
                /** @description Company scope: one member's records */
                member_id?: string | null;
                cert_id?: string | null;
                /** @description 证书序列号 */
                serial?: string | null;
                operation?: components["schemas"]["Operation"] | null;
                /** @description ISO 8601; no offset: Beijing time */
                from?: string | null;
                /** @description ISO 8601; no offset: Beijing time */
                to?: string | null;
                /** @description Items per page */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsagePage"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    exportUsage: {
        parameters: {
            query?: {
                /** @description `mine`, or `company`: every member's (admins only, else 403 `usage_company_forbidden`) */
                scope?: components["schemas"]["UsageScope"];
                /** @description Company scope: which company (needed only when the caller administers several) */
                org_id?: string | null;
                /** @description Company scope: one member's records */
                member_id?: string | null;
                cert_id?: string | null;
                /** @description 证书序列号 */
                serial?: string | null;
                operation?: components["schemas"]["Operation"] | null;
                /** @description ISO 8601; no offset: Beijing time */
                from?: string | null;
                /** @description ISO 8601; no offset: Beijing time */
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The records, oldest first (UTF-8 with BOM) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Type
                     * @description login | sign | decrypt | seal
                     */
                    type: string;
                    /**
                     * Display Text
                     * @description Shown on the phone; set by the RP backend
                     */
                    display_text: string;
                    /** Requirements */
                    requirements?: {
                        /**
                         * Cert Type
                         * @description personal | org
                         */
                        cert_type?: string | null;
                        /**
                         * Uscc
                         * @description Only certificates of this company
                         */
                        uscc?: string | null;
                        /**
                         * Cert Serial
                         * @description Only this certificate (hex serial)
                         */
                        cert_serial?: string | null;
                    };
                    /**
                     * Challenge
                     * @description login: 16-64 random bytes, base64url
                     */
                    challenge?: string | null;
                    /**
                     * Digests
                     * @description sign: [{"digest": base64url SHA-256, "label": "文件名"}], up to 100
                     */
                    digests?: {
                        /**
                         * Digest
                         * @description base64url SHA-256 of the document
                         */
                        digest: string;
                        /**
                         * Label
                         * @description 文件名 as the holder sees it; default 文件1, 文件2 …
                         */
                        label?: string | null;
                    }[] | null;
                    /**
                     * Recipient
                     * @description decrypt: the envelope's recipient challenge for the holder's certificate
                     */
                    recipient?: {
                        [key: string]: unknown;
                    } | null;
                    /**
                     * Rp Public Key
                     * @description decrypt: the RP's ephemeral P-256 key (JWK or base64url SPKI)
                     */
                    rp_public_key?: {
                        [key: string]: unknown;
                    } | string | null;
                    /** @description seal: what the phone shows of the PDF (the PDF stays with the RP) */
                    document?: {
                        /**
                         * Label
                         * @description 文件名 as the holder sees it; default 文件1
                         */
                        label?: string | null;
                        /**
                         * Sha256
                         * @description hex SHA-256 of the whole PDF
                         */
                        sha256: string;
                        /** Page Count */
                        page_count: number;
                        /** Thumbnails */
                        thumbnails?: {
                            /** Page */
                            page: number;
                            /**
                             * Png
                             * @description base64url PNG rendered by the RP
                             */
                            png: string;
                            /**
                             * Width
                             * @description the page's width in PDF points
                             */
                            width: number;
                            /**
                             * Height
                             * @description the page's height in PDF points
                             */
                            height: number;
                        }[];
                        /**
                         * Placements
                         * @description Where seals go, for the phone to show
                         */
                        placements?: {
                            /** Page */
                            page: number;
                            /**
                             * X
                             * @description left edge, PDF points from the page's bottom left
                             */
                            x: number;
                            /** Y */
                            y: number;
                            /** Width */
                            width: number;
                            /** Height */
                            height: number;
                        }[];
                    } | null;
                    /**
                     * Seal Kinds
                     * @description seal: the seal types the holder may choose (company_official, …)
                     */
                    seal_kinds?: string[] | null;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionCreated"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    collectSession: {
        parameters: {
            query?: {
                /** @description Long-poll seconds */
                wait?: number;
            };
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionStatus"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    cancelSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionStatus"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    submitSealDigest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Selection Id
                     * @description The `selection.selection_id` prepared for
                     */
                    selection_id: string;
                    /**
                     * Digest
                     * @description base64url SHA-256 of the signed attributes
                     */
                    digest: string;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionStatus"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getCaChain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The CA chain, PEM */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-pem-file": string;
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getCaCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The CA certificate, DER */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pkix-cert": string;
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getCrl: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The current CRL, DER */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pkix-crl": string;
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ocspPost: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description DER */
        requestBody: {
            content: {
                "application/ocsp-request": string;
            };
        };
        responses: {
            /** @description The OCSP response, DER */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/ocsp-response": string;
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ocspGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                encoded: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OCSP response, DER */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/ocsp-response": string;
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    timestampRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description DER */
        requestBody: {
            content: {
                "application/timestamp-query": string;
            };
        };
        responses: {
            /** @description The time-stamp response, DER */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/timestamp-reply": string;
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    sendSmsCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SMSCodeRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SMSCodeSent"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many attempts; retry after the `Retry-After` header's seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["mcert__account__schemas__LoginResult"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many attempts; retry after the `Retry-After` header's seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    refreshTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createDeviceChallenge: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeviceChallenge"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listAgreements: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticeRead"][];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getConsentNotice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                document: components["schemas"]["Document"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticeRead"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getConsents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsentOverview"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    grantConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                document: components["schemas"]["Document"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConsentGrant"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsentRecordRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    withdrawConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                document: components["schemas"]["Document"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getRealnameStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RealnameStatus"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    startBankCardVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BankCardStart"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttemptRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many attempts; retry after the `Retry-After` header's seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    confirmBankCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                attempt_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SMSConfirm"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttemptRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    startPhoneVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PhoneStart"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttemptRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many attempts; retry after the `Retry-After` header's seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    submitFace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                attempt_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_submitFace"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RealnameStatus"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createFaceCheck: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_createFaceCheck"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FaceCheckRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getPrices: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PriceRead"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    applyPersonal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PersonalApply"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    applyCompany: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_applyCompany"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listOrders: {
        parameters: {
            query?: {
                /** @description Repeat for several (已取消 tab: cancelled and closed); none: 全部 */
                status?: components["schemas"]["OrderStatus"][] | null;
                /** @description Items per page */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPage"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    resubmitOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "multipart/form-data": components["schemas"]["Body_resubmitOrder"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    cancelOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    payOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PayStart"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listCertificates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertRead"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cert_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertDetail"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getPrehashParams: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cert_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    downloadCertificate: {
        parameters: {
            query?: never;
            header?: {
                /** @description From POST /api/app/v1/device/challenge; single use */
                "X-Mcert-Device-Challenge"?: string | null;
                /** @description base64url raw ECDSA P-256 signature (r ‖ s) of the proof message */
                "X-Mcert-Device-Signature"?: string | null;
            };
            path: {
                cert_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DownloadRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DownloadResponse"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    unlockCertificate: {
        parameters: {
            query?: never;
            header?: {
                /** @description From POST /api/app/v1/device/challenge; single use */
                "X-Mcert-Device-Challenge"?: string | null;
                /** @description base64url raw ECDSA P-256 signature (r ‖ s) of the proof message */
                "X-Mcert-Device-Signature"?: string | null;
            };
            path: {
                cert_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UnlockRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnlockResponse"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    changeCertificatePassword: {
        parameters: {
            query?: never;
            header?: {
                /** @description From POST /api/app/v1/device/challenge; single use */
                "X-Mcert-Device-Challenge"?: string | null;
                /** @description base64url raw ECDSA P-256 signature (r ‖ s) of the proof message */
                "X-Mcert-Device-Signature"?: string | null;
            };
            path: {
                cert_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChange"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    resetCertificatePassword: {
        parameters: {
            query?: never;
            header?: {
                /** @description From POST /api/app/v1/device/challenge; single use */
                "X-Mcert-Device-Challenge"?: string | null;
                /** @description base64url raw ECDSA P-256 signature (r ‖ s) of the proof message */
                "X-Mcert-Device-Signature"?: string | null;
            };
            path: {
                cert_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordReset"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    renewCertificate: {
        parameters: {
            query?: never;
            header?: {
                /** @description From POST /api/app/v1/device/challenge; single use */
                "X-Mcert-Device-Challenge"?: string | null;
                /** @description base64url raw ECDSA P-256 signature (r ‖ s) of the proof message */
                "X-Mcert-Device-Signature"?: string | null;
            };
            path: {
                cert_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RenewalRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    reissueCertificate: {
        parameters: {
            query?: never;
            header?: {
                /** @description From POST /api/app/v1/device/challenge; single use */
                "X-Mcert-Device-Challenge"?: string | null;
                /** @description base64url raw ECDSA P-256 signature (r ‖ s) of the proof message */
                "X-Mcert-Device-Signature"?: string | null;
            };
            path: {
                cert_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReissueRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    changeCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cert_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_changeCertificate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listMyCompanies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompanyBrief"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getCompany: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompanyRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listMembers: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
            };
            header?: never;
            path: {
                org_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberPage"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    inviteMember: {
        parameters: {
            query?: never;
            header?: {
                /** @description From POST /api/app/v1/device/challenge; single use */
                "X-Mcert-Device-Challenge"?: string | null;
                /** @description base64url raw ECDSA P-256 signature (r ‖ s) of the proof message */
                "X-Mcert-Device-Signature"?: string | null;
            };
            path: {
                org_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberInvite"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    changeMemberRole: {
        parameters: {
            query?: never;
            header?: {
                /** @description From POST /api/app/v1/device/challenge; single use */
                "X-Mcert-Device-Challenge"?: string | null;
                /** @description base64url raw ECDSA P-256 signature (r ‖ s) of the proof message */
                "X-Mcert-Device-Signature"?: string | null;
            };
            path: {
                org_id: string;
                member_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["mcert__company__schemas__RoleChange"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    revokeMember: {
        parameters: {
            query?: never;
            header?: {
                /** @description From POST /api/app/v1/device/challenge; single use */
                "X-Mcert-Device-Challenge"?: string | null;
                /** @description base64url raw ECDSA P-256 signature (r ‖ s) of the proof message */
                "X-Mcert-Device-Signature"?: string | null;
            };
            path: {
                org_id: string;
                member_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    resendInvitation: {
        parameters: {
            query?: never;
            header?: {
                /** @description From POST /api/app/v1/device/challenge; single use */
                "X-Mcert-Device-Challenge"?: string | null;
                /** @description base64url raw ECDSA P-256 signature (r ‖ s) of the proof message */
                "X-Mcert-Device-Signature"?: string | null;
            };
            path: {
                org_id: string;
                member_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many attempts; retry after the `Retry-After` header's seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listClaims: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimRead"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    claimCertificate: {
        parameters: {
            query?: never;
            header?: {
                /** @description From POST /api/app/v1/device/challenge; single use */
                "X-Mcert-Device-Challenge"?: string | null;
                /** @description base64url raw ECDSA P-256 signature (r ‖ s) of the proof message */
                "X-Mcert-Device-Signature"?: string | null;
            };
            path: {
                member_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["mcert__company__schemas__ClaimRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    previewSeal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_previewSeal"];
            };
        };
        responses: {
            /** @description A PNG image */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": unknown;
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listSeals: {
        parameters: {
            query?: {
                group?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SealRead"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    applySeal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_applySeal"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SealRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getSeal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                seal_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SealRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getSealImage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                seal_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A PNG image */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": unknown;
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    claimSeal: {
        parameters: {
            query?: never;
            header?: {
                /** @description From POST /api/app/v1/device/challenge; single use */
                "X-Mcert-Device-Challenge"?: string | null;
                /** @description base64url raw ECDSA P-256 signature (r ‖ s) of the proof message */
                "X-Mcert-Device-Signature"?: string | null;
            };
            path: {
                seal_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["mcert__seal__schemas__ClaimRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SealClaimed"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listInvoiceTitles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TitleList"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createInvoiceTitle: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TitleCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TitleRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    deleteInvoiceTitle: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                title_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listInvoices: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceRead"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    applyInvoice: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvoiceApply"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listInvoicedOrders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderInvoiceState"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getInvoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invoice_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    downloadInvoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invoice_id: string;
                which: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The invoice file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": unknown;
                    "application/xml": unknown;
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    resendInvoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invoice_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvoiceResend"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    withdrawInvoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invoice_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listMessages: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessagePage"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    markMessageRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                message_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getMyDataSummary: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataSummary"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    exportMyData: {
        parameters: {
            query?: {
                format?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export file (attachment) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "text/html": unknown;
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getAccountCancellation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CancellationStatus"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    requestAccountCancellation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancellationRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CancellationRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many attempts; retry after the `Retry-After` header's seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    sendCancellationCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SMSCodeSent"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many attempts; retry after the `Retry-After` header's seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    withdrawAccountCancellation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CancellationRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    paymentNotification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description `failure`: the notification was refused (code in `X-Error-Code`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description `failure`: not the configured payment provider */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    refundNotification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description `failure`: the notification was refused (code in `X-Error-Code`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description `failure`: not the configured payment provider */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    consoleLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OperatorLogin"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["mcert__operator__schemas__LoginResult"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many attempts; retry after the `Retry-After` header's seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    consoleEnrolTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TotpEnrol"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["mcert__operator__schemas__LoginResult"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many attempts; retry after the `Retry-After` header's seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    consoleLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    consoleMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorInfo"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listOperators: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorRow"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createOperator: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OperatorCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorRow"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    setOperatorRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                operator_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["mcert__operator__schemas__RoleChange"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorRow"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    resetOperatorTotp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                operator_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorRow"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    disableOperator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                operator_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorRow"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    enableOperator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                operator_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorRow"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listReviews: {
        parameters: {
            query?: {
                status?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewItem"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewDetail"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getReviewDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
                document_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document as stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": unknown;
                    "image/png": unknown;
                    "application/pdf": unknown;
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    approveReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Decision"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewDetail"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    rejectReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["mcert__review__schemas__Rejection"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewDetail"];
                };
            };
            /** @description Proposed: waits for a second operator. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listQueues: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Queues"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listQueueItems: {
        parameters: {
            query: {
                /** @description application | resubmission | name_change | seal | invoice */
                kind: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueItem"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    claimQueueItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: string;
                item_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueItem"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    releaseQueueItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: string;
                item_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueItem"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listRejectionReasons: {
        parameters: {
            query?: {
                kind?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RejectionReason"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getReviewDocumentPage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
                document_id: string;
                n: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page as an image */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": unknown;
                    "image/jpeg": unknown;
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listSealReviews: {
        parameters: {
            query?: {
                status?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SealReviewItem"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getSealReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                seal_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SealReviewDetail"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getSealOriginal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                seal_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The upload as stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": unknown;
                    "image/png": unknown;
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getSealExtracted: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                seal_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A PNG image */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": unknown;
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    approveSeal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                seal_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SealReviewDetail"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    rejectSeal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                seal_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["mcert__seal__schemas__Rejection"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SealReviewDetail"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    lookupConsents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConsentLookup"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsentRecordRead"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listConsoleInvoices: {
        parameters: {
            query?: {
                status?: string | null;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceConsoleRead"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    retryInvoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invoice_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceConsoleRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    voidInvoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invoice_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VoidRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceConsoleRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listPrivacyRequests: {
        parameters: {
            query?: {
                kind?: string | null;
                status?: string | null;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PrivacyRequestRead"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listApprovals: {
        parameters: {
            query?: {
                status?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalRead"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    approveApproval: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                approval_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    rejectApproval: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                approval_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApprovalReject"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    takeApprovalSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                approval_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecretRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource was there once and is no more. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    proposeCompanyRevoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompanyRevoke"];
            };
        };
        responses: {
            /** @description Proposed: waits for a second operator. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    searchCertificates: {
        parameters: {
            query?: {
                q?: string | null;
                status?: string | null;
                kind?: string | null;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["mcert__cert__schemas__CertRow"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getConsoleCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cert_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleCertDetail"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    revokeConsoleCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cert_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RevokeBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleCertDetail"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getCAStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CAItem"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getCRLStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CRLInfo"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listRelyingParties: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RpRow"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createRelyingParty: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RpCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RpCreated"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    updateRelyingParty: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rp_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RpPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RpRow"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    proposeRpSecretRotation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rp_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Proposed: waits for a second operator. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalRead"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource's state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    lookupHolders: {
        parameters: {
            query: {
                q: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HolderRow"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    lookupHolder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                holder_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HolderDetail"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    unmaskHolder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                holder_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UnmaskRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unmasked"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed to do this (now). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    lookupCompanies: {
        parameters: {
            query: {
                q: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompanyRow"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    lookupCompany: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompanyDetail"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    lookupOrders: {
        parameters: {
            query?: {
                /** @description order number (or its start), USCC, or order id */
                q?: string | null;
                status?: string | null;
                kind?: string | null;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderRow"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    lookupOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDetail"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The resource does not exist or is not the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    lookupUsage: {
        parameters: {
            query?: {
                holder_id?: string | null;
                org_id?: string | null;
                certificate_id?: string | null;
                before?: string | null;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageRow"][];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listAudit: {
        parameters: {
            query?: {
                /** @description exact, or `prefix.` */
                action?: string | null;
                /** @description actor id, or `type:id`, or `type:` */
                actor?: string | null;
                /** @description target id, or `type:id`, or `type:` */
                target?: string | null;
                since?: string | null;
                until?: string | null;
                limit?: number;
                before_seq?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    verifyAudit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChainVerification"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    exportAudit: {
        parameters: {
            query?: {
                format?: string;
                action?: string | null;
                actor?: string | null;
                target?: string | null;
                since?: string | null;
                until?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The matching entries, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": unknown;
                    "text/csv": unknown;
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getDashboard: {
        parameters: {
            query?: {
                days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            /** @description Missing or invalid credentials. */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    invoiceCallback: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `success` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description `failure`: refused (code in `X-Error-Code`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `failure`: not the configured invoicing provider */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than this route accepts (`body_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `details.fields` names each field and its problem. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Storage or a provider is temporarily unavailable; retry after `Retry-After`. */
            503: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "error";
                        version: string;
                        checks: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description A server bug (`internal_error`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not ready: a check failed (`status` `error`; see `checks`) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "error";
                        version: string;
                        checks: {
                            [key: string]: string;
                        };
                    };
                };
            };
        };
    };
}
