import type { PageId } from '../use-hash-route.ts';
import { BacktestsPage } from './backtests-page.tsx';
import { BusPage } from './bus-page.tsx';
import { FactorsPage } from './factors-page.tsx';
import { MarketPage } from './market-page.tsx';
import { OverviewPage } from './overview-page.tsx';
import { PortfolioPage } from './portfolio-page.tsx';
import { RiskPage } from './risk-page.tsx';
import { VpinPage } from './vpin-page.tsx';

export function PageView({ page }: { page: PageId }) {
  switch (page) {
    case 'overview':
      return <OverviewPage />;
    case 'market':
      return <MarketPage />;
    case 'portfolio':
      return <PortfolioPage />;
    case 'risk':
      return <RiskPage />;
    case 'vpin':
      return <VpinPage />;
    case 'factors':
      return <FactorsPage />;
    case 'backtests':
      return <BacktestsPage />;
    case 'bus':
      return <BusPage />;
  }
}
