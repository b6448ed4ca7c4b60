import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { LeadNewData } from '../api'

// Leads that arrived while the app is open. LeadNotices records them (it is
// the one listener of the backend event) and the list reloads when the count
// moves.
export const useLeadArrivalsStore = defineStore('leadArrivals', () => {
  const count = ref(0)
  const last = ref<LeadNewData | null>(null)

  function arrived(lead: LeadNewData) {
    last.value = lead
    count.value++
  }

  return { count, last, arrived }
})
