export namespace app {
	
	export class ErrorPayload {
	    code: string;
	    field?: string;
	    data?: {[key: string]: any};
	    problems?: ErrorPayload[];
	
	    static createFrom(source: any = {}) {
	        return new ErrorPayload(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.field = source["field"];
	        this.data = source["data"];
	        this.problems = this.convertValues(source["problems"], ErrorPayload);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SystemInfo {
	    version: string;
	    dataDir: string;
	    logsDir: string;
	    databasePath: string;
	    schemaVersion: number;
	    platform: string;
	    startupError?: ErrorPayload;
	
	    static createFrom(source: any = {}) {
	        return new SystemInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.dataDir = source["dataDir"];
	        this.logsDir = source["logsDir"];
	        this.databasePath = source["databasePath"];
	        this.schemaVersion = source["schemaVersion"];
	        this.platform = source["platform"];
	        this.startupError = this.convertValues(source["startupError"], ErrorPayload);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace crm {
	
	export class Unit {
	    id: number;
	    blockId: number;
	    number: string;
	    floor: number;
	    areaCm2: number;
	    priceCents: number;
	    status: string;
	
	    static createFrom(source: any = {}) {
	        return new Unit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.blockId = source["blockId"];
	        this.number = source["number"];
	        this.floor = source["floor"];
	        this.areaCm2 = source["areaCm2"];
	        this.priceCents = source["priceCents"];
	        this.status = source["status"];
	    }
	}
	export class Block {
	    id: number;
	    name: string;
	    units: Unit[];
	
	    static createFrom(source: any = {}) {
	        return new Block(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.units = this.convertValues(source["units"], Unit);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class BulkUnitsInput {
	    blockId: number;
	    floorFrom: string;
	    floorTo: string;
	    unitsPerFloor: string;
	    area: string;
	    price: string;
	
	    static createFrom(source: any = {}) {
	        return new BulkUnitsInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.blockId = source["blockId"];
	        this.floorFrom = source["floorFrom"];
	        this.floorTo = source["floorTo"];
	        this.unitsPerFloor = source["unitsPerFloor"];
	        this.area = source["area"];
	        this.price = source["price"];
	    }
	}
	export class Stage {
	    id: number;
	    name: string;
	    blocks: Block[];
	
	    static createFrom(source: any = {}) {
	        return new Stage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.blocks = this.convertValues(source["blocks"], Block);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Development {
	    id: number;
	    name: string;
	    city: string;
	    state: string;
	    integrated: boolean;
	    provider: string;
	    integrationId: number;
	    integrationName: string;
	    archived: boolean;
	    stages: Stage[];
	    unitCounts: {[key: string]: number};
	    // Go type: time
	    createdAt: any;
	
	    static createFrom(source: any = {}) {
	        return new Development(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.city = source["city"];
	        this.state = source["state"];
	        this.integrated = source["integrated"];
	        this.provider = source["provider"];
	        this.integrationId = source["integrationId"];
	        this.integrationName = source["integrationName"];
	        this.archived = source["archived"];
	        this.stages = this.convertValues(source["stages"], Stage);
	        this.unitCounts = source["unitCounts"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DevelopmentInput {
	    id: number;
	    name: string;
	    city: string;
	    state: string;
	
	    static createFrom(source: any = {}) {
	        return new DevelopmentInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.city = source["city"];
	        this.state = source["state"];
	    }
	}
	export class DevelopmentSettings {
	    id: number;
	    integrated: boolean;
	    integrationId: number;
	
	    static createFrom(source: any = {}) {
	        return new DevelopmentSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.integrated = source["integrated"];
	        this.integrationId = source["integrationId"];
	    }
	}
	export class Integration {
	    id: number;
	    description: string;
	    provider: string;
	    environment: string;
	    tokenLast4: string;
	    hasToken: boolean;
	    deadlineDays: number;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    usedBy: string[];
	
	    static createFrom(source: any = {}) {
	        return new Integration(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.description = source["description"];
	        this.provider = source["provider"];
	        this.environment = source["environment"];
	        this.tokenLast4 = source["tokenLast4"];
	        this.hasToken = source["hasToken"];
	        this.deadlineDays = source["deadlineDays"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.usedBy = source["usedBy"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class IntegrationInput {
	    id: number;
	    description: string;
	    environment: string;
	    token: string;
	    deadlineDays: string;
	
	    static createFrom(source: any = {}) {
	        return new IntegrationInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.description = source["description"];
	        this.environment = source["environment"];
	        this.token = source["token"];
	        this.deadlineDays = source["deadlineDays"];
	    }
	}
	
	
	export class UnitInput {
	    id: number;
	    blockId: number;
	    number: string;
	    floor: string;
	    area: string;
	    price: string;
	    status: string;
	
	    static createFrom(source: any = {}) {
	        return new UnitInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.blockId = source["blockId"];
	        this.number = source["number"];
	        this.floor = source["floor"];
	        this.area = source["area"];
	        this.price = source["price"];
	        this.status = source["status"];
	    }
	}

}

