/**
 * Separate consents (PIPL art. 29-30) before sensitive data is collected: `requireConsent`
 * answers true when the holder already consents to the current notice, else shows the
 * consent sheet (ConsentSheet.vue, mounted once in App.vue) and answers the holder's choice.
 * 同意 records the consent at the server first; 不同意 collects nothing (the caller stops).
 * The server refuses the collection anyway (403 `consent_required`): this is the holder's
 * chance to read and decide before a camera opens or a form is sent.
 */
import { defineStore } from 'pinia'
import { api } from '../api/client'
import type { Schemas } from '../api/client'

export type ConsentDocument = 'face' | 'realname' | 'company_documents'

/** What not consenting means, in the holder's words (shown when they choose 不同意). */
export const REFUSED: Record<ConsentDocument, string> = {
  face: '您未同意人脸信息处理，我们不会打开摄像头，也不会收集您的人脸信息。需要本人核验的功能（实名认证、证书补办、重置密码、认领证书）暂无法使用，您可随时重新同意。',
  realname: '您未同意身份证件与银行卡信息处理，我们不会收集或发送这些信息，因此无法完成实名认证。您可随时重新同意。',
  company_documents: '您未同意单位证明材料处理，我们不会接收您的材料，因此无法申请或变更单位证书。您可随时重新同意。',
}

interface Pending {
  notice: Schemas['NoticeRead']
  resolve: (agreed: boolean) => void
}

export const useConsent = defineStore('consent', {
  state: () => ({ pending: null as Pending | null }),
  actions: {
    async requireConsent(document: ConsentDocument): Promise<boolean> {
      const overview = await api.get('/api/app/v1/consents')
      if (overview.consents.some((c) => c.document === document && c.granted)) return true
      const notice = await api.get('/api/app/v1/consent-notices/{document}', { path: { document } })
      return new Promise<boolean>((resolve) => {
        this.pending = { notice, resolve }
      })
    },
    async agree() {
      const p = this.pending
      if (!p) return
      await api.post('/api/app/v1/consents/{document}', {
        path: { document: p.notice.document as ConsentDocument },
        json: { version: p.notice.version },
      })
      this.pending = null
      p.resolve(true)
    },
    refuse() {
      const p = this.pending
      this.pending = null
      p?.resolve(false)
    },
  },
})
