import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/styles.css';
import './portal.css';
import { TrainingBanner } from '../ui/TrainingBanner';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TrainingBanner />
    <App />
  </StrictMode>,
);
