// Generated from the server's /openapi.json by scripts/gen-api.mjs (npm run gen:api).
// Do not edit by hand.

export interface paths {
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
         * Operator login with username and password.
         * @description Returns a console bearer token (8 hours). Repeated failures lock the account and the
         *     client address for a while (429 with `Retry-After`).
         */
        post: operations["consoleLogin"];
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
         * @description Reviewers only (403 `reviewer_required`); `version` must match (409 otherwise).
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
         * @description Reviewers only (403 `reviewer_required`); `version` must match (409 otherwise).
         */
        post: operations["rejectReview"];
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
         *     (403 `reviewer_required`); a second decision answers 409.
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
        /** FaceCheckRead */
        FaceCheckRead: {
            /** Face Check Id */
            face_check_id: string;
            /** Expires In Seconds */
            expires_in_seconds: number;
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
        /**
         * Operation
         * @enum {string}
         */
        Operation: "login" | "sign" | "decrypt";
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
        /** RoleChange */
        RoleChange: {
            role: components["schemas"]["MemberRole"];
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
        /** Rejection */
        mcert__review__schemas__Rejection: {
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
            /** Reason */
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
                    "application/json": components["schemas"]["OperatorToken"];
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
}
