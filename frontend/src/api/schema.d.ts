// Generated from the server's /openapi.json by scripts/gen-api.mjs (npm run gen:api).
// Do not edit by hand.

export interface paths {
    "/api/app/v1/auth/sms-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send Sms Code */
        post: operations["send_sms_code_api_app_v1_auth_sms_code_post"];
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
        /** Login */
        post: operations["login_api_app_v1_auth_login_post"];
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
        /** Refresh */
        post: operations["refresh_api_app_v1_auth_refresh_post"];
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
         * Device Challenge
         * @description A single-use challenge: sign it with this device's key for one binding-sensitive call
         *     (download, unlock, scan prepare/complete, password change/reset, renewal, reissue).
         */
        post: operations["device_challenge_api_app_v1_device_challenge_post"];
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
        /** Logout */
        post: operations["logout_api_app_v1_auth_logout_post"];
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
        /** Me */
        get: operations["me_api_app_v1_me_get"];
        put?: never;
        post?: never;
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
        /** Status */
        get: operations["status_api_app_v1_realname_get"];
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
         * Start Bank Card
         * @description Name, ID number, bank card and the bank's phone; an SMS code goes to that phone.
         */
        post: operations["start_bank_card_api_app_v1_realname_bank_card_post"];
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
        /** Confirm Bank Card */
        post: operations["confirm_bank_card_api_app_v1_realname__attempt_id__sms_post"];
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
         * Start Phone
         * @description Name and ID number; the account's phone must be registered to this person.
         */
        post: operations["start_phone_api_app_v1_realname_phone_post"];
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
        /** Submit Face */
        post: operations["submit_face_api_app_v1_realname__attempt_id__face_post"];
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
         * Face Check
         * @description A fresh face check, required by reissue, password reset and claiming certificates.
         */
        post: operations["face_check_api_app_v1_face_checks_post"];
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
        /** Prices */
        get: operations["prices_api_app_v1_products_get"];
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
         * Apply Personal
         * @description 申请个人证书: after real-name verification, straight to 待支付.
         */
        post: operations["apply_personal_api_app_v1_orders_personal_post"];
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
         * Apply Company
         * @description 申请单位证书: documents are checked, cleaned and stored; the order waits for review.
         */
        post: operations["apply_company_api_app_v1_orders_company_post"];
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
        /** List Orders */
        get: operations["list_orders_api_app_v1_orders_get"];
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
         * Get Order
         * @description Also settles the order when the payment notification never came (asks the gateway).
         */
        get: operations["get_order_api_app_v1_orders__order_id__get"];
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
         * Resubmit
         * @description 未通过 → 待审核 with corrections; only the documents sent are replaced.
         */
        post: operations["resubmit_api_app_v1_orders__order_id__resubmit_post"];
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
        /** Cancel */
        post: operations["cancel_api_app_v1_orders__order_id__cancel_post"];
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
         * Pay
         * @description Start paying: returns the gateway's cashier page (the sandbox's under /sandbox/pay).
         */
        post: operations["pay_api_app_v1_orders__order_id__pay_post"];
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
         * List Certificates
         * @description 证书: mine, with 待下载 first; certificates bound to another device offer 补办.
         */
        get: operations["list_certificates_api_app_v1_certificates_get"];
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
         * Certificate
         * @description 证书信息: subject, serial, validity, issuer, status, device.
         */
        get: operations["certificate_api_app_v1_certificates__cert_id__get"];
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
         * Prehash Params
         * @description Parameters the device needs to turn the entered password into its pre-hash.
         */
        get: operations["prehash_params_api_app_v1_certificates__cert_id__prehash_get"];
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
        /** Download */
        post: operations["download_api_app_v1_certificates__cert_id__download_post"];
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
        /** Unlock */
        post: operations["unlock_api_app_v1_certificates__cert_id__unlock_post"];
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
         * Change Password
         * @description 修改证书密码: needs the old one.
         */
        post: operations["change_password_api_app_v1_certificates__cert_id__password_post"];
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
         * Reset Password
         * @description 重置证书密码 after a fresh face check; the certificate (same serial) is kept.
         */
        post: operations["reset_password_api_app_v1_certificates__cert_id__password_reset_post"];
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
         * Renew
         * @description 证书延期: from 90 days before expiry; the certificate password proves control.
         */
        post: operations["renew_api_app_v1_certificates__cert_id__renewal_post"];
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
         * Reissue
         * @description 证书补办 on this (new) device after a fresh face check.
         */
        post: operations["reissue_api_app_v1_certificates__cert_id__reissue_post"];
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
         * Change
         * @description 证书变更 of the company name: documents → review → payment → download.
         */
        post: operations["change_api_app_v1_certificates__cert_id__change_post"];
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
        /** Messages */
        get: operations["messages_api_app_v1_messages_get"];
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
        /** Mark Read */
        post: operations["mark_read_api_app_v1_messages__message_id__read_post"];
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
         * Payment Notification
         * @description The gateway's asynchronous notification. ``success`` stops its retries.
         */
        post: operations["payment_notification_api_payments_notify__provider__post"];
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
         * Refund Notification
         * @description The gateway's asynchronous refund result. ``success`` stops its retries.
         */
        post: operations["refund_notification_api_payments_refund_notify__provider__post"];
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
        /** Login */
        post: operations["login_api_console_v1_auth_login_post"];
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
        /** Review Queue */
        get: operations["review_queue_api_console_v1_reviews_get"];
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
        /** Review Detail */
        get: operations["review_detail_api_console_v1_reviews__order_id__get"];
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
        /** Document */
        get: operations["document_api_console_v1_reviews__order_id__documents__document_id__get"];
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
        /** Approve */
        post: operations["approve_api_console_v1_reviews__order_id__approve_post"];
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
        /** Reject */
        post: operations["reject_api_console_v1_reviews__order_id__reject_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
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
         * Scan
         * @description 扫码: the QR frame is checked and the session bound to this phone.
         */
        post: operations["scan_api_app_v1_scan_post"];
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
         * Prepare
         * @description Chosen certificate + password: the server share (sealed) and the task to perform.
         */
        post: operations["prepare_api_app_v1_scan__session_id__prepare_post"];
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
        /** Complete */
        post: operations["complete_api_app_v1_scan__session_id__complete_post"];
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
        /** Reject */
        post: operations["reject_api_app_v1_scan__session_id__reject_post"];
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
         * Usage
         * @description 使用记录: my own, newest first (a company's admin view uses the same query by org).
         */
        get: operations["usage_api_app_v1_usage_get"];
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
        /** Create Session */
        post: operations["create_session_api_rp_v1_sessions_post"];
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
         * Collect
         * @description Collect: pending (with a hint), complete (with the result) or failed (with a reason).
         *     With ``wait``, the call returns as soon as the status or hint changes.
         */
        get: operations["collect_api_rp_v1_sessions__session_id__get"];
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
        /** Cancel */
        post: operations["cancel_api_rp_v1_sessions__session_id__cancel_post"];
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
        /** Chain */
        get: operations["chain_pki_ca_chain_pem_get"];
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
        /** Ca Certificate */
        get: operations["ca_certificate_pki_ca__name__crt_get"];
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
        /** Crl */
        get: operations["crl_pki_crl__name__crl_get"];
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
        /** Ocsp Post */
        post: operations["ocsp_post_pki_ocsp_post"];
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
         * Ocsp Get
         * @description RFC 6960 appendix A.1: GET {url}/{url-encoding of base-64 encoding of the DER}.
         */
        get: operations["ocsp_get_pki_ocsp__encoded__get"];
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
        /** Tsa */
        post: operations["tsa_pki_tsa_post"];
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
        /** Healthz */
        get: operations["healthz_healthz_get"];
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
        /** Body_apply_company_api_app_v1_orders_company_post */
        Body_apply_company_api_app_v1_orders_company_post: {
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
        /** Body_change_api_app_v1_certificates__cert_id__change_post */
        Body_change_api_app_v1_certificates__cert_id__change_post: {
            /** New Name */
            new_name: string;
            /**
             * Change Proof
             * @description 变更证明（新营业执照或核准变更通知书）
             */
            change_proof: string;
        };
        /** Body_face_check_api_app_v1_face_checks_post */
        Body_face_check_api_app_v1_face_checks_post: {
            /**
             * Image
             * @description Front-camera capture, JPEG or PNG
             */
            image: string;
        };
        /** Body_resubmit_api_app_v1_orders__order_id__resubmit_post */
        Body_resubmit_api_app_v1_orders__order_id__resubmit_post: {
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
        /** Body_submit_face_api_app_v1_realname__attempt_id__face_post */
        Body_submit_face_api_app_v1_realname__attempt_id__face_post: {
            /**
             * Image
             * @description Front-camera capture, JPEG or PNG
             */
            image: string;
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
        /** CompleteRequest */
        CompleteRequest: {
            /**
             * Signature
             * @description login: base64url ECDSA signature of the payload
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
             * @description base64url pre-hash of the current password
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
        };
        /** FaceCheckRead */
        FaceCheckRead: {
            /** Face Check Id */
            face_check_id: string;
            /** Expires In Seconds */
            expires_in_seconds: number;
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
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
        };
        /** LoginResult */
        LoginResult: {
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
        /** MeRead */
        MeRead: {
            user: components["schemas"]["UserRead"];
            /** Devices */
            devices: components["schemas"]["DeviceRead"][];
        };
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
        /** OperatorLogin */
        OperatorLogin: {
            /** Username */
            username: string;
            /** Password */
            password: string;
        };
        /** OperatorToken */
        OperatorToken: {
            /** Access Token */
            access_token: string;
            /**
             * Token Type
             * @default Bearer
             */
            token_type: string;
            /** Operator */
            operator: {
                [key: string]: string;
            };
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
        /** ReissueRequest */
        ReissueRequest: {
            /** Face Check Id */
            face_check_id: string;
        };
        /** Rejection */
        Rejection: {
            /**
             * Version
             * @description The version you reviewed; a stale one is 409
             */
            version?: number | null;
            /**
             * Reason
             * @description Shown to the applicant
             */
            reason: string;
        };
        /** RenewalRequest */
        RenewalRequest: {
            /** Years */
            years: number;
            /** Prehash */
            prehash: string;
        };
        /** Requirements */
        Requirements: {
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
        /** SMSCodeRequest */
        SMSCodeRequest: {
            /**
             * Phone
             * @description Mainland mobile number, optional +86
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
            /** Code */
            code: string;
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
            /** Finish Deadline */
            finish_deadline: string | null;
            /** Certificates */
            certificates: components["schemas"]["EligibleCert"][];
        };
        /** SessionCreate */
        SessionCreate: {
            /**
             * Type
             * @description login | sign | decrypt
             */
            type: string;
            /**
             * Display Text
             * @description Shown on the phone; set by the RP backend
             */
            display_text: string;
            /** @default {} */
            requirements: components["schemas"]["Requirements"];
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
                [key: string]: string;
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
            /** Holder Name */
            holder_name: string;
            /** Cert Serial */
            cert_serial: string | null;
            /** Rp Name */
            rp_name: string;
            /** Result */
            result: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
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
        /** ValidationError */
        ValidationError: {
            /** Location */
            loc: (string | number)[];
            /** Message */
            msg: string;
            /** Error Type */
            type: string;
            /** Input */
            input?: unknown;
            /** Context */
            ctx?: Record<string, never>;
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
    send_sms_code_api_app_v1_auth_sms_code_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    login_api_app_v1_auth_login_post: {
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
                    "application/json": components["schemas"]["LoginResult"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    refresh_api_app_v1_auth_refresh_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    device_challenge_api_app_v1_device_challenge_post: {
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
        };
    };
    logout_api_app_v1_auth_logout_post: {
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
        };
    };
    me_api_app_v1_me_get: {
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
        };
    };
    status_api_app_v1_realname_get: {
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
        };
    };
    start_bank_card_api_app_v1_realname_bank_card_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    confirm_bank_card_api_app_v1_realname__attempt_id__sms_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    start_phone_api_app_v1_realname_phone_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    submit_face_api_app_v1_realname__attempt_id__face_post: {
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
                "multipart/form-data": components["schemas"]["Body_submit_face_api_app_v1_realname__attempt_id__face_post"];
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    face_check_api_app_v1_face_checks_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_face_check_api_app_v1_face_checks_post"];
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    prices_api_app_v1_products_get: {
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
        };
    };
    apply_personal_api_app_v1_orders_personal_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    apply_company_api_app_v1_orders_company_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_apply_company_api_app_v1_orders_company_post"];
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_orders_api_app_v1_orders_get: {
        parameters: {
            query?: {
                /** @description Repeat for several (已取消 tab: cancelled and closed); none: 全部 */
                status?: components["schemas"]["OrderStatus"][] | null;
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
                    "application/json": components["schemas"]["OrderPage"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_order_api_app_v1_orders__order_id__get: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    resubmit_api_app_v1_orders__order_id__resubmit_post: {
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
                "multipart/form-data": components["schemas"]["Body_resubmit_api_app_v1_orders__order_id__resubmit_post"];
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    cancel_api_app_v1_orders__order_id__cancel_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    pay_api_app_v1_orders__order_id__pay_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_certificates_api_app_v1_certificates_get: {
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
        };
    };
    certificate_api_app_v1_certificates__cert_id__get: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    prehash_params_api_app_v1_certificates__cert_id__prehash_get: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    download_api_app_v1_certificates__cert_id__download_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    unlock_api_app_v1_certificates__cert_id__unlock_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    change_password_api_app_v1_certificates__cert_id__password_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    reset_password_api_app_v1_certificates__cert_id__password_reset_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    renew_api_app_v1_certificates__cert_id__renewal_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    reissue_api_app_v1_certificates__cert_id__reissue_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    change_api_app_v1_certificates__cert_id__change_post: {
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
                "multipart/form-data": components["schemas"]["Body_change_api_app_v1_certificates__cert_id__change_post"];
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    messages_api_app_v1_messages_get: {
        parameters: {
            query?: {
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
                    "application/json": components["schemas"]["MessagePage"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    mark_read_api_app_v1_messages__message_id__read_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    payment_notification_api_payments_notify__provider__post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    refund_notification_api_payments_refund_notify__provider__post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    login_api_console_v1_auth_login_post: {
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
                    "application/json": components["schemas"]["OperatorToken"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    review_queue_api_console_v1_reviews_get: {
        parameters: {
            query?: {
                status?: string;
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    review_detail_api_console_v1_reviews__order_id__get: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    document_api_console_v1_reviews__order_id__documents__document_id__get: {
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
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    approve_api_console_v1_reviews__order_id__approve_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    reject_api_console_v1_reviews__order_id__reject_post: {
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
                "application/json": components["schemas"]["Rejection"];
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    scan_api_app_v1_scan_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    prepare_api_app_v1_scan__session_id__prepare_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    complete_api_app_v1_scan__session_id__complete_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    reject_api_app_v1_scan__session_id__reject_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    usage_api_app_v1_usage_get: {
        parameters: {
            query?: {
                cert_id?: string | null;
                from?: string | null;
                to?: string | null;
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
                    "application/json": components["schemas"]["UsagePage"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_session_api_rp_v1_sessions_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SessionCreate"];
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    collect_api_rp_v1_sessions__session_id__get: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    cancel_api_rp_v1_sessions__session_id__cancel_post: {
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    chain_pki_ca_chain_pem_get: {
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
                content?: never;
            };
        };
    };
    ca_certificate_pki_ca__name__crt_get: {
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
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    crl_pki_crl__name__crl_get: {
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
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    ocsp_post_pki_ocsp_post: {
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
                content?: never;
            };
        };
    };
    ocsp_get_pki_ocsp__encoded__get: {
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
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    tsa_pki_tsa_post: {
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
                content?: never;
            };
        };
    };
    healthz_healthz_get: {
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
                    "application/json": unknown;
                };
            };
        };
    };
}
