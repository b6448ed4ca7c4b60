// Texts for the theme setting and the accessible names added for screen
// readers (issue #18, accessibility and dark theme). Wired into pt-BR.ts /
// en-US.ts as `a11y`.

export const a11yPtBR = {
  theme: 'Tema',
  themes: { system: 'Como o sistema', light: 'Claro', dark: 'Escuro' },
  main: 'Conteúdo',
  menu: 'Menu principal',
}

export const a11yEnUS: typeof a11yPtBR = {
  theme: 'Theme',
  themes: { system: 'Same as the system', light: 'Light', dark: 'Dark' },
  main: 'Content',
  menu: 'Main menu',
}
