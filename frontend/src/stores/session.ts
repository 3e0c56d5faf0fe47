import { defineStore } from 'pinia'
import { api, tokens } from '../api/client'
import type { MeRead } from '../api/types'
import { loginProof } from '../crypto/devicekey'
import { deviceIdentity } from '../crypto/keystore'
import { deviceName } from '../utils/format'

export const useSession = defineStore('session', {
  state: () => ({ loggedIn: tokens.get() !== null, me: null as MeRead | null, unread: 0 }),
  actions: {
    /** `agreements`: the 用户协议 and 隐私政策 versions the holder read and ticked. */
    async login(phone: string, code: string, agreements: { user_agreement: string; privacy_policy: string }) {
      const { device_id } = await deviceIdentity()
      const result = await api.post('/api/app/v1/auth/login', {
        json: { phone, code, agreements, device: { id: device_id, name: deviceName(), platform: 'web', ...(await loginProof(device_id, code)) } },
      })
      tokens.set(result)
      this.loggedIn = true
      this.me = null
      return result
    },
    async loadMe(force = false) {
      if (!this.me || force) this.me = await api.get('/api/app/v1/me')
      return this.me
    },
    async refreshUnread() {
      try {
        this.unread = (await api.get('/api/app/v1/messages', { query: { limit: 1 } })).unread
      } catch {
        /* a badge is not worth an error */
      }
    },
    async logout() {
      try {
        await api.post('/api/app/v1/auth/logout')
      } finally {
        this.forget()
      }
    },
    forget() {
      tokens.set(null)
      this.loggedIn = false
      this.me = null
      this.unread = 0
    },
  },
})
