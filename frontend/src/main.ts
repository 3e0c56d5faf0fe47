import { createApp } from 'vue'
import { createPinia } from 'pinia'
import {
  ActionSheet, Badge, Button, Calendar, Cell, CellGroup, Checkbox, CheckboxGroup, ConfigProvider, Dialog,
  Divider, DropdownItem, DropdownMenu, Empty, Field, Form, Grid, GridItem, Icon, List, Loading,
  NavBar, NoticeBar, Popup, Progress, PullRefresh, Radio, RadioGroup, Step, Steps, Switch, Tab,
  Tabbar, TabbarItem, Tabs, Tag, Uploader,
} from 'vant'
import 'vant/lib/index.css'
import './styles.css'
import App from './App.vue'
import { setLoggedOutHandler } from './api/client'
import { router } from './router'
import { useSession } from './stores/session'

const app = createApp(App)
for (const c of [
  ActionSheet, Badge, Button, Calendar, Cell, CellGroup, Checkbox, CheckboxGroup, ConfigProvider, Dialog,
  Divider, DropdownItem, DropdownMenu, Empty, Field, Form, Grid, GridItem, Icon, List, Loading,
  NavBar, NoticeBar, Popup, Progress, PullRefresh, Radio, RadioGroup, Step, Steps, Switch, Tab,
  Tabbar, TabbarItem, Tabs, Tag, Uploader,
]) {
  app.use(c)
}
app.use(createPinia())
app.use(router)

setLoggedOutHandler(() => {
  useSession().forget()
  const here = router.currentRoute.value
  if (!here.meta.public) router.replace({ path: '/login', query: { redirect: here.fullPath } })
})

app.mount('#app')

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => navigator.serviceWorker.register('/sw.js').catch(() => {}))
}
